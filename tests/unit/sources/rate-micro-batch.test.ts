import { describe, expect, it } from 'vitest';
import {
	parseRatePerMicroBatchOptions,
	type RatePerMicroBatchOffset,
	RatePerMicroBatchStream
} from '../../../simulations/sources/rate-micro-batch';
import { runToCompletion } from '../../../simulations/sources/trigger-plan';
import { OneSourceRun } from './drive';

function rate(raw: Record<string, string>, parallelism = 1) {
	const o = parseRatePerMicroBatchOptions(raw, parallelism);
	if (!o.ok) throw new Error(o.error);
	return new RatePerMicroBatchStream(o.value);
}

const pairs = (rows: readonly Record<string, unknown>[]) =>
	rows.map((r) => [Number(r.timestamp) / 1e6, r.value]);

describe('rate-micro-batch (RatePerMicroBatchStream)', () => {
	it('rate-micro-batch-processing-time: rowsPerBatch values per trigger, stamped with the batch start', () => {
		const source = rate({
			rowsPerBatch: '10',
			startTimestamp: '1000',
			advanceMillisPerBatch: '50'
		});
		const run = new OneSourceRun(source);
		const b0 = run.trigger();
		expect(pairs(b0?.rows ?? [])).toEqual(Array.from({ length: 10 }, (_, v) => [1.0, v]));
		expect(pairs(run.trigger()?.rows ?? [])).toEqual(
			Array.from({ length: 10 }, (_, i) => [1.05, 10 + i])
		);
		const b2 = run.trigger();
		expect(pairs(b2?.rows ?? [])).toEqual(Array.from({ length: 10 }, (_, i) => [1.1, 20 + i]));
		expect(source.offsetJson(b2?.end as RatePerMicroBatchOffset)).toBe(
			'{"offset":30,"timestamp":1150}'
		);
	});

	it('rate-micro-batch-trigger-once: once between two runs is exactly one batch of rowsPerBatch', () => {
		const first = new OneSourceRun(rate({ rowsPerBatch: '10' }));
		expect(first.trigger()?.rows.map((r) => r.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const once = runToCompletion([rate({ rowsPerBatch: '10' })], 'once', [first.committed]);
		expect(once.batches.map((b) => (b.ends[0] as RatePerMicroBatchOffset).offset)).toEqual([20]);
		// The read limit (MaxRows: 10) is the one it always obeys anyway; Spark still warns.
		expect(once.warnings[0]).toMatch(
			/^The read limit MaxRows: 10 for RatePerMicroBatchStream\[rowsPerBatch=10/
		);
		const third = new OneSourceRun(rate({ rowsPerBatch: '10' }), once.committed[0]);
		expect(third.trigger()?.rows.map((r) => r.value)).toEqual([
			20, 21, 22, 23, 24, 25, 26, 27, 28, 29
		]);
	});

	it('availableNow runs exactly one batch (the end offset is fixed at the first call)', () => {
		const r = runToCompletion([rate({ rowsPerBatch: '4' })], 'availableNow', [null]);
		expect(r.batches).toHaveLength(1);
		expect(r.committed[0]).toEqual({ offset: 4, timestamp: 1000 });
	});

	it('spreads a batch round-robin over numPartitions', () => {
		const source = rate({ rowsPerBatch: '5', numPartitions: '2' });
		const start = source.initialOffset();
		const end = source.latestOffset(start);
		const parts = source.planInputPartitions(start, end);
		expect(parts.map((p) => source.readPartition(p, start).map((r) => r.value))).toEqual([
			[0, 2, 4],
			[1, 3]
		]);
	});

	it('requires a positive rowsPerBatch', () => {
		const r = parseRatePerMicroBatchOptions({}, 2);
		expect(r.ok ? '' : r.error).toBe(
			"Invalid value '0'. The option 'rowsPerBatch' must be positive"
		);
	});
});
