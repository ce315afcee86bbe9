import { describe, expect, it } from 'vitest';
import {
	inputRowsPerSecond,
	processedRowsPerSecond,
	roundRate
} from '../../../simulations/microbatch/progress';
import { countByKey, traceOf } from './queries';

describe('StreamingQueryProgress rates (R1.6.3)', () => {
	it('600 rows, previous trigger 10 s earlier, trigger took 1 500 ms → 60.0 and 400.0', () => {
		expect(inputRowsPerSecond(600, 10_000)).toBe(60);
		expect(processedRowsPerSecond(600, 1500)).toBe(400);
	});
	it('the first trigger of a run has no previous attempt: inputRowsPerSecond 0.0', () => {
		expect(inputRowsPerSecond(100, null)).toBe(0);
	});
	it('after an idle 10-ms poll, 100 rows give ≈ 9090.9 rows/s', () => {
		expect(inputRowsPerSecond(100, 11)).toBe(9090.9);
	});
	it('rounds half up to one decimal', () => {
		expect(roundRate(0.25)).toBe(0.3);
		expect(roundRate(72.84)).toBe(72.8);
	});
});

describe('progress records of a run', () => {
	const trace = traceOf(
		{
			source: { kind: 'rate', rowsPerSecond: 100, numPartitions: 2 },
			trigger: { kind: 'processingTime', intervalMs: 2000 },
			cost: { fixedOverheadMs: 300, perRowCostUs: 50, numPartitions: 2, cores: 4 },
			untilMs: 10_000,
			seed: 3
		},
		countByKey(5, 'update')
	);

	it('durationMs has every phase and triggerExecution is their sum', () => {
		for (const b of trace.batches) {
			const d = b.progress.durationMs;
			const phases = [
				'latestOffset',
				'walCommit',
				'getBatch',
				'queryPlanning',
				'addBatch',
				'commitOffsets'
			] as const;
			expect(phases.reduce((s, p) => s + (d[p] ?? NaN), 0)).toBe(d.triggerExecution);
			expect(b.progress.batchDuration).toBe(b.commitAt - b.triggerAt);
		}
	});

	it('sources[0] startOffset is null in batch 0, then the previous endOffset', () => {
		const [b0, b1] = trace.batches;
		expect(b0?.progress.sources[0]?.startOffset).toBeNull();
		expect(b1?.progress.sources[0]?.startOffset).toBe(b0?.progress.sources[0]?.endOffset);
	});

	it('timestamp is the trigger start in UTC ISO form', () => {
		const b1 = trace.batches[1]!;
		expect(b1.progress.timestamp).toBe(new Date(trace.epochOffsetMs + b1.triggerAt).toISOString());
	});

	it('stateStoreSave reports the keys in state and the keys updated', () => {
		const last = trace.batches.at(-1)!;
		expect(last.progress.stateOperators[0]).toMatchObject({
			operatorName: 'stateStoreSave',
			numRowsTotal: 5,
			numRowsUpdated: 5
		});
	});
});
