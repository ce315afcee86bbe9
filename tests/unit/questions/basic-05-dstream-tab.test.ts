/**
 * basic-05's DStream tab: the Structured side's own readings as socket lines, windowed over arrival
 * batches by reduceByKeyAndWindow. The window sums what arrived in its batches (a late reading
 * counts where it arrived, there is no event time), window and slide follow the controls, and a
 * window that is not a multiple of the 5 s batch interval is refused with PySpark's error.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../simulations/core/params';
import { dstreamEngine } from '../../../simulations/kinds/dstream/engine';
import { basic05DStreams as q } from '../../../simulations/questions/basic-05-windows/dstream';

const params = (over: Partial<Params> = {}) => ({ ...defaultParams(q.schema), ...over }) as Params;
const run = (over: Partial<Params> = {}) => {
	const p = params(over);
	return dstreamEngine.run(q, { code: q.program(p), params: p, seed: 1, script: null, edits: [] });
};

/** `(device, count)` pairs of one pprint block. */
const counts = (block: string) =>
	new Map([...block.matchAll(/\('([^']+)', (\d+)\)/g)].map((m) => [m[1]!, Number(m[2])] as const));

describe('basic-05 DStream tab', () => {
	it('each window counts the readings that arrived in its last two batches', () => {
		const r = run();
		if (!r.ok) throw new Error(r.error.message);
		const lines = q.lines(params(), 1);
		expect(r.value.batchMs).toBe(5000);
		for (const b of r.value.batches.filter((b) => b.batchTime >= 10_000)) {
			const from = b.batchTime - 10_000;
			const expected = new Map<string, number>();
			for (const l of lines)
				if (l.atMs >= from && l.atMs < b.batchTime) {
					const device = l.line.split(',')[0]!;
					expected.set(device, (expected.get(device) ?? 0) + 1);
				}
			const printed = counts(b.pprint.join('\n'));
			// reduceByKeyAndWindow with an inverse keeps keys whose count fell to 0: compare the
			// devices with readings in the window.
			for (const [device, n] of expected)
				expect(printed.get(device), `${b.batchTime} ${device}`).toBe(n);
		}
	});

	it('the controls rewrite the window and slide arguments', () => {
		const code = q.program(params({ windowLength: 20, slide: 10 }));
		expect(code).toMatch(/^\s+20,\s+# <- windowLength$/m);
		expect(code).toMatch(/^\s+10,\s+# <- slide$/m);
	});

	it('a 12 s window over 5 s batches is refused with PySpark’s words', () => {
		const r = run({ windowLength: 12 });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error.message).toMatch(
			/^ValueError: windowDuration must be multiple of the parent dstream's slide \(batch\) duration \(5000 ms\)/
		);
	});
});
