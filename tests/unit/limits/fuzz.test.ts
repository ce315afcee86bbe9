// A short run of `npm run fuzz`: mutated page programs and links through the page paths, on the
// run budget. No runner throws, and no message a user would see holds JavaScript's words.
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../../scripts/fuzz';

describe('fuzz (short run)', () => {
	it('400 programs and links: 0 uncaught errors, 0 internal texts shown', async () => {
		const r = await runFuzz({ count: 400, seed: 11 });
		const shown = r.findings.map((f) => `${f.kind} ${f.target}: ${f.text.slice(0, 200)}`);
		expect(shown).toEqual([]);
		expect(r.uncaught + r.internal).toBe(0);
		// Every kind of path ran.
		expect(Object.keys(r.byTarget).some((t) => t.startsWith('dstream'))).toBe(true);
		expect(Object.keys(r.byTarget).some((t) => t.startsWith('event-time'))).toBe(true);
		expect(Object.keys(r.byTarget).some((t) => t.startsWith('link'))).toBe(true);
		expect(Object.keys(r.byTarget).some((t) => t.startsWith('micro-batch'))).toBe(true);
	}, 300_000);
});
