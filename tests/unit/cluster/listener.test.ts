// StreamingQueryListener callbacks and idle progress of a cluster run, by hand.
import { describe, expect, it } from 'vitest';
import { listenerEvents } from '../../../simulations/cluster/listener';
import { runClusterQuery } from '../../../simulations/cluster/run';
import { smallQuery } from './fixtures';

describe('listener callbacks', () => {
	it('calls onQueryStarted synchronously, then progress per batch and idle every 10 s', () => {
		// Data only in second 5 (1000 rows). Batch 0 runs at 0 with no rows (R1.2): 50 ms of
		// driver phases before, 30 + 20 after → ends at 100. Triggers at 1–5 s find nothing.
		// Batch 1 at 6 s: 250 rows per partition → round(10 + 0.5) = 11 ms → ends 6000 + 111.
		// Idle triggers then record a progress once 10 s passed since the last: at 17, 27, 37 s.
		const run = runClusterQuery(
			smallQuery({
				durationMs: 40_000,
				profile: { kind: 'perSecond', counts: [0, 0, 0, 0, 0, 1000] }
			})
		);
		expect(run.batches.map((b) => [b.batchId, b.startMs, b.endMs, b.numInputRows])).toEqual([
			[0, 0, 100, 0],
			[1, 6000, 6111, 1000]
		]);
		expect(listenerEvents(run)).toEqual([
			{ callback: 'onQueryStarted', atMs: 0, synchronous: true },
			{ callback: 'onQueryProgress', atMs: 100, synchronous: false, batchId: 0 },
			{ callback: 'onQueryProgress', atMs: 6111, synchronous: false, batchId: 1 },
			{ callback: 'onQueryIdle', atMs: 17_000, synchronous: false, batchId: 2 },
			{ callback: 'onQueryIdle', atMs: 27_000, synchronous: false, batchId: 2 },
			{ callback: 'onQueryIdle', atMs: 37_000, synchronous: false, batchId: 2 },
			{ callback: 'onQueryTerminated', atMs: 40_000, synchronous: false }
		]);
	});
});
