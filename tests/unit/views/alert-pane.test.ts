import { describe, expect, it } from 'vitest';
import { alertPane } from '../../../src/lib/views/alert-pane/alerts';
import { limitStrip } from '../../../src/lib/views/alert-pane/limits';
import { parseCase } from '../../../src/lib/sim/api-url';

const value = (card: string, n: number) =>
	JSON.stringify({
		card_id: card,
		window: { start: '2026-01-01T10:00:40.000Z', end: '2026-01-01T10:01:40.000Z' },
		txn_count: n,
		total_amount: 12.345
	});

describe('alert pane', () => {
	it('spreads a JSON value into its fields, drops the key it repeats, newest first', () => {
		const m = alertPane(
			['key', 'value'],
			[
				{ batchId: 3, rows: [['card-1', value('card-1', 6)]] },
				{ batchId: 4, rows: [] },
				{
					batchId: 5,
					rows: [
						['card-2', value('card-2', 7)],
						['card-1', value('card-1', 8)]
					]
				}
			]
		);
		expect(m.columns).toEqual(['card_id', 'window', 'txn_count', 'total_amount']);
		expect(m.rows.map((r) => r.batchId)).toEqual([5, 5, 3]);
		expect(m.rows[0]?.cells).toEqual(['card-2', '[10:00:40, 10:01:40)', '7', '12.35']);
		expect(m.rows.map((r) => r.fresh)).toEqual([true, true, false]);
		expect(m).toMatchObject({ total: 3, fresh: 2, hidden: 0 });
	});

	it('a batch with no row leaves fresh at 0; plain columns stay; beyond the limit is counted', () => {
		const rows = Array.from({ length: 10 }, (_, i) => [
			{ start: 60, end: 120 },
			`sensor-${i}`,
			31.25
		]);
		const m = alertPane(
			['window', 'sensor_id', 'avg_temp'],
			[
				{ batchId: 1, rows },
				{ batchId: 2, rows: [] }
			],
			8
		);
		expect(m.columns).toEqual(['window', 'sensor_id', 'avg_temp']);
		expect(m.rows).toHaveLength(8);
		expect(m.rows[0]?.cells).toEqual(['[60 s, 120 s)', 'sensor-0', '31.25']);
		expect(m).toMatchObject({ total: 10, fresh: 0, hidden: 2 });
	});

	it('no batch yet: nothing to list', () => {
		expect(alertPane(['key', 'value'], [])).toMatchObject({ total: 0, rows: [], fresh: 0 });
	});
});

describe('case switch link', () => {
	const cases = {
		key: 'case',
		options: [
			{ value: 'main', label: 'Fraud detection' },
			{ value: 'iot', label: 'IoT analytics' }
		]
	};
	it('reads a known case, refuses an unknown one with a notice', () => {
		expect(parseCase(cases, 'iot', 'main')).toEqual({ api: 'iot', notice: null });
		expect(parseCase(cases, null, 'main')).toEqual({ api: 'main', notice: null });
		const bad = parseCase(cases, 'cobol', 'main');
		expect(bad.api).toBe('main');
		expect(bad.notice).toMatch(/Ignored case=“cobol”.*Showing Fraud detection/);
	});
});

describe('alert limit strip', () => {
	const batches = [
		{ batchId: 3, rows: [['card-1', value('card-1', 6)]] },
		{ batchId: 5, rows: [['card-2', value('card-2', 9)]] }
	];
	it('draws the program’s limit left of every value that crossed it, labelled with its name', () => {
		const limit = { param: 'maxTxnPerWindow', name: 'MAX_TXN_PER_WINDOW', column: 'txn_count' };
		const g = limitStrip(limit, 5, ['key', 'value'], batches, 400);
		expect(g.lines).toHaveLength(1);
		expect(g.lines[0]?.text).toBe('MAX_TXN_PER_WINDOW = 5');
		expect(g.dots.map((d) => d.value)).toEqual(['9', '6']);
		for (const d of g.dots) expect(d.x).toBeGreaterThan(g.lines[0]?.x ?? Infinity);
		expect(g.dots.filter((d) => d.fresh).map((d) => d.value)).toEqual(['9']);
		// A lower limit in the program moves the line, not the values.
		const lower = limitStrip(limit, 2, ['key', 'value'], batches, 400);
		expect(lower.lines[0]?.text).toBe('MAX_TXN_PER_WINDOW = 2');
		expect(lower.lines[0]?.x ?? 0).toBeLessThan(g.lines[0]?.x ?? 0);
		expect(g.otherRule).toBe(0);
		// A limit above an alert's value: that alert came from another rule.
		expect(limitStrip(limit, 7, ['key', 'value'], batches, 400).otherRule).toBe(1);
	});
	it('an absolute rule (a z-score) has both bounds, a column it does not know has no dots', () => {
		const z = { param: 'zThreshold', name: 'Z_THRESHOLD', column: 'z_score', absolute: true };
		const rows = [
			{
				batchId: 1,
				rows: [
					['s1', 4.2],
					['s2', -3.9]
				]
			}
		];
		const g = limitStrip(z, 3.5, ['sensor_id', 'z_score'], rows, 400);
		expect(g.lines.map((l) => l.text)).toEqual(['−3.5', '+Z_THRESHOLD = 3.5']);
		const [lo, hi] = g.lines.map((l) => l.x) as [number, number];
		expect(g.dots.every((d) => d.x < lo || d.x > hi)).toBe(true);
		expect(limitStrip(z, 3.5, ['other'], rows, 400).dots).toEqual([]);
	});
});
