// The cluster query runs on the one micro-batch loop (structured/runtime/loop.ts): its triggers
// follow ProcessingTimeExecutor's grid, an overrun starts the next batch at once and logs Spark's
// "falling behind" line, exactly as the loop does for every other page.
import { describe, expect, it } from 'vitest';
import { runClusterQuery } from '../../../simulations/cluster/run';
import { smallQuery } from './fixtures';

describe('cluster query on the micro-batch loop', () => {
	it('starts batches on the 1 s grid while they fit in it, with no log line', () => {
		const run = runClusterQuery(smallQuery({ durationMs: 10_000 }));
		// 10 000 rows/s over 4 partitions on 4 cores: 10 ms + 2500 × 0.002 ms = 15 ms per task,
		// plus 100 ms of driver work: far under the interval.
		expect(run.batches.map((b) => b.startMs)).toEqual([
			0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000
		]);
		expect(run.batches.every((b) => b.schedulingDelayMs === 0)).toBe(true);
		expect(run.logs).toEqual([]);
	});

	it('an overrunning batch starts the next at once, late by its overrun, and logs it', () => {
		// 0.5 ms per row: 1 s of rows (10 000 over 4 partitions) take 1250 ms of task time.
		const run = runClusterQuery(
			smallQuery({ durationMs: 6000, inputCost: { ...smallQuery().inputCost, perRowMs: 0.5 } })
		);
		const [b0, b1, b2] = run.batches;
		expect(b0?.numInputRows).toBe(0);
		expect(b1?.startMs).toBe(1000);
		// b1: 100 ms driver + 10 ms + 2500 rows × 0.5 ms = 1360 ms, so b2 starts at 2360, due at 2000.
		expect(b1?.endMs).toBe(2360);
		expect(b2?.startMs).toBe(2360);
		expect(b2?.dueMs).toBe(2000);
		expect(b2?.schedulingDelayMs).toBe(360);
		expect(run.logs[0]).toEqual({
			atMs: 2360,
			message:
				'Current batch is falling behind. The trigger interval is 1000} milliseconds, but spent 1360 milliseconds'
		});
	});
});
