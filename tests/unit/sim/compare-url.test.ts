import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparableParams } from '../../../simulations/kinds/compare-setting';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import { defaultParams } from '../../../simulations/core/params';
import { decodeComparison, encodeComparison } from '../../../src/lib/sim/compare-url';

const late = EVENT_TIME_SCENARIOS['basic-08-late-data']!;
const params = late.constrain(defaultParams(late.schema)).params;

describe('encodeComparison / decodeComparison (basic-08)', () => {
	it('round-trips each comparable setting at a value of its own', () => {
		for (const p of comparableParams(late)) {
			const value = p.kind === 'choice' ? p.options.at(-1)!.value : p.max;
			const raw = encodeComparison({ id: p.id, value });
			expect(decodeComparison(raw, late, params)).toEqual({
				comparison: { id: p.id, value },
				notices: []
			});
		}
		expect(encodeComparison({ id: 'watermarkDelay', value: 10 })).toBe('watermarkDelay:10');
	});

	it('clamps an out-of-range value through the scenario’s gate, with its notice', () => {
		const r = decodeComparison('watermarkDelay:999', late, params);
		expect(r.comparison).toEqual({ id: 'watermarkDelay', value: 60 });
		expect(r.notices).toEqual(['Compare: watermark delay: 999 is outside 0–60 s; using 60.']);
	});

	it('a setting alone compares its other value, no notice', () => {
		expect(decodeComparison('outputMode', late, params)).toEqual({
			comparison: { id: 'outputMode', value: 'update' },
			notices: []
		});
	});

	it('a bad value: B uses the default other value, with a notice', () => {
		const n = decodeComparison('watermarkDelay:abc', late, params);
		expect(n.comparison).toEqual({ id: 'watermarkDelay', value: 10 });
		expect(n.notices[0]).toMatch(/“abc” is not a number; B uses 10/);
		const c = decodeComparison('outputMode:sideways', late, params);
		expect(c.comparison).toEqual({ id: 'outputMode', value: 'update' });
		expect(c.notices[0]).toMatch(/“sideways” is not one of append, update, complete/);
	});

	it('a setting that is not comparable (or unknown) keeps Compare closed, with a notice', () => {
		for (const raw of ['bogus', 'lateProb:20', '', ':5']) {
			const r = decodeComparison(raw, late, params);
			expect(r.comparison, raw).toBeNull();
			expect(r.notices[0]).toMatch(/^Compare in the link: .* not opened\.$/);
		}
	});

	it('never throws, and either opens on a comparable setting or says why not (property)', () => {
		const ids = comparableParams(late).map((p) => p.id);
		const raw = fc.oneof(
			fc.string({ unit: fc.constantFrom(...'wamrkDelyoutpMdn:.-0159 é'), maxLength: 40 }),
			fc
				.tuple(fc.constantFrom(...ids, 'x'), fc.string({ maxLength: 8 }))
				.map(([i, v]) => `${i}:${v}`)
		);
		fc.assert(
			fc.property(raw, (s) => {
				const r = decodeComparison(s, late, params);
				if (r.comparison === null) expect(r.notices.length).toBeGreaterThan(0);
				else {
					expect(ids).toContain(r.comparison.id);
					const gated = late.constrain({ ...params, [r.comparison.id]: r.comparison.value });
					expect(gated.params[r.comparison.id]).toBe(r.comparison.value);
				}
			}),
			{ seed: 5, numRuns: 200 }
		);
	});
});
