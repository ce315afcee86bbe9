import { describe, expect, it } from 'vitest';
import { filterQuestions, tagCounts } from '../../../src/lib/index/filter';
import type { QuestionMeta } from '../../../src/lib/content/types';

const q = (slug: string, question: string, topics: string[]): QuestionMeta => ({
	slug,
	level: slug.startsWith('basic') ? 'basic' : 'advanced',
	number: Number(slug.split('-')[1]),
	question,
	summary: `About ${question}`,
	topics,
	simulation: 'SIM-1',
	presets: []
});

const QS = [
	q('basic-05-windows', 'How do windows work?', ['windows', 'event-time']),
	q('basic-08-late-data', 'How is late data handled?', ['late-data', 'watermarks', 'windows']),
	q('advanced-14-joins', 'How do joins work?', ['joins', 'state'])
];

describe('filterQuestions', () => {
	it('keeps questions containing every word, case-insensitively', () => {
		expect(filterQuestions(QS, 'LATE data', null).map((x) => x.slug)).toEqual([
			'basic-08-late-data'
		]);
		expect(filterQuestions(QS, 'how work', null)).toHaveLength(2);
	});
	it('matches tags and slugs as text too', () => {
		expect(filterQuestions(QS, 'watermarks', null)).toHaveLength(1);
		expect(filterQuestions(QS, 'advanced-14', null)).toHaveLength(1);
	});
	it('a tag narrows to questions carrying it', () => {
		expect(filterQuestions(QS, '', 'windows')).toHaveLength(2);
		expect(filterQuestions(QS, 'joins', 'windows')).toHaveLength(0);
	});
	it('an empty filter keeps everything', () => {
		expect(filterQuestions(QS, '   ', null)).toHaveLength(3);
	});
});

describe('tagCounts', () => {
	it('counts tags, most used first, ties alphabetical', () => {
		expect(tagCounts(QS).slice(0, 3)).toEqual([
			{ tag: 'windows', count: 2 },
			{ tag: 'event-time', count: 1 },
			{ tag: 'joins', count: 1 }
		]);
	});
});
