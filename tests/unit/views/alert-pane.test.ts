import { describe, expect, it } from 'vitest';
import { alertPane } from '../../../src/lib/views/alert-pane/alerts';
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
