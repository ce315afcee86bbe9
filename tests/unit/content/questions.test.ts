// The content files are the site's answers: every question has one, its front matter is complete
// and consistent with the program modules, and its topics come from the shared vocabulary.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROGRAMS } from '../../../simulations/questions/programs';

const DIR = 'src/content/questions';
const TOPICS = new Set(
	'micro-batch triggers dstreams sources sinks output-modes windows watermarks late-data event-time state checkpoints fault-tolerance exactly-once kafka monitoring backpressure scaling performance schema-evolution testing joins internals custom-sources applications python'.split(
		' '
	)
);

const entries = readdirSync(DIR).map((slug) => {
	const text = readFileSync(`${DIR}/${slug}/index.md`, 'utf8');
	const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
	return {
		slug,
		front: m ? (parse(m[1] ?? '') as Record<string, unknown>) : null,
		body: m?.[2] ?? ''
	};
});

describe('question content', () => {
	it('there is one content folder per question, 30 in all', () => {
		expect(entries.map((e) => e.slug).sort()).toEqual(Object.keys(PROGRAMS).sort());
	});

	for (const { slug, front, body } of entries) {
		it(`${slug}: front matter is complete and the answer has substance`, () => {
			expect(front, 'front matter').not.toBeNull();
			const f = front!;
			expect(f.slug).toBe(slug);
			expect(f.level).toBe(slug.split('-')[0]);
			expect(f.number).toBe(Number(slug.split('-')[1]));
			expect(String(f.question).length).toBeGreaterThan(10);
			expect(String(f.summary).length).toBeGreaterThan(20);
			expect(String(f.simulation)).toMatch(/^SIM-\d+$/);
			const topics = f.topics as string[];
			expect(topics.length).toBeGreaterThanOrEqual(2);
			for (const t of topics) expect(TOPICS.has(t), `topic '${t}'`).toBe(true);
			expect(body.split(/\s+/).length).toBeGreaterThan(300);
			expect(body).toMatch(/## Common misconceptions/);
			expect(body).toMatch(/(\]\(|\]: )https:\/\/(spark\.apache\.org|github\.com\/apache\/spark)/);
		});
	}
});
