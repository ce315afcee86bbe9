/**
 * basic-07's DStream tab: the Structured side's purchases as socket lines, totalled per user by
 * updateStateByKey. Every batch prints every user seen so far (the update function runs for each
 * key, new values or not), the totals equal the sums of the lines received so far, and without
 * ssc.checkpoint the context refuses to start.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../simulations/core/params';
import { dstreamEngine } from '../../../simulations/kinds/dstream/engine';
import { basic07DStreams as q } from '../../../simulations/questions/basic-07-stateful-operations/dstream';

const params = (over: Partial<Params> = {}) => ({ ...defaultParams(q.schema), ...over }) as Params;
const run = (over: Partial<Params> = {}) => {
	const p = params(over);
	return dstreamEngine.run(q, { code: q.program(p), params: p, seed: 1, script: null, edits: [] });
};

describe('basic-07 DStream tab', () => {
	it('each batch prints every user seen so far with the count and sum of all their purchases', () => {
		const r = run();
		if (!r.ok) throw new Error(r.error.message);
		const lines = q.lines(params(), 1);
		const batches = r.value.batches.filter((b) => b.pprint.length > 0);
		expect(batches.length).toBeGreaterThan(10);
		for (const b of batches) {
			const upTo = lines.filter((l) => l.atMs < b.batchTime);
			const users = new Set(upTo.map((l) => l.line.split(',')[0]));
			const printed = [...b.pprint.join('\n').matchAll(/\('([^']+)', \((\d+), ([\d.]+)\)\)/g)];
			// pprint shows the first ten elements: every user while there are at most ten.
			if (users.size <= 10) expect(printed.length, `${b.batchTime}`).toBe(users.size);
			for (const [, user, n, total] of printed) {
				const mine = upTo.filter((l) => l.line.startsWith(`${user},`));
				expect(Number(n)).toBe(mine.length);
				const sum = mine.reduce((s, l) => s + Number(l.line.split(',')[1]), 0);
				expect(Number(total)).toBeCloseTo(sum, 6);
			}
		}
	});

	it('the batch interval control rewrites StreamingContext(sc, N); checkpoint off removes the line', () => {
		expect(q.program(params({ triggerInterval: 5 }))).toMatch(/StreamingContext\(sc, 5\)/);
		const off = q.program(params({ checkpoint: 'off' }));
		expect(off).not.toMatch(/ssc\.checkpoint\(/);
		expect(q.program(params())).toMatch(/^ssc\.checkpoint\(.*# <- checkpoint$/m);
	});

	it('without a checkpoint directory the context refuses to start', () => {
		const r = run({ checkpoint: 'off' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error.message).toMatch(/checkpoint directory has not been set/i);
	});
});
