/**
 * StreamingQueryListener callbacks of a cluster run, in the order they are called
 * (SPARK-SEMANTICS R11.4, R1.6.8; StreamingQueryListenerBus, ProgressReporter):
 * - onQueryStarted when start() is called, synchronously (start() returns after it);
 * - onQueryProgress once per executed batch, when the batch finishes; delivered asynchronously
 *   on the listener bus, so the query may already be running the next batch when it runs;
 * - onQueryIdle (3.5+) for each idle progress entry, except one recorded before any batch ran;
 * - onQueryTerminated when the query stops (here: the end of the run).
 * The lastProgress a callback would read is the progress of the batch named in the event.
 */
import type { ClusterRun } from './run';

export type ListenerCallback =
	'onQueryStarted' | 'onQueryProgress' | 'onQueryIdle' | 'onQueryTerminated';

export interface ListenerEvent {
	readonly callback: ListenerCallback;
	readonly atMs: number;
	/** True only for onQueryStarted: it runs on the thread that called start(). */
	readonly synchronous: boolean;
	readonly batchId?: number;
}

export function listenerEvents(run: ClusterRun): ListenerEvent[] {
	const events: ListenerEvent[] = [{ callback: 'onQueryStarted', atMs: 0, synchronous: true }];
	for (const b of run.batches) {
		events.push({
			callback: 'onQueryProgress',
			atMs: b.endMs,
			synchronous: false,
			batchId: b.batchId
		});
	}
	const firstBatchEnd = run.batches[0]?.endMs ?? Infinity;
	for (const idle of run.idleProgress) {
		if (idle.atMs < firstBatchEnd) continue;
		events.push({
			callback: 'onQueryIdle',
			atMs: idle.atMs,
			synchronous: false,
			batchId: idle.batchId
		});
	}
	events.push({ callback: 'onQueryTerminated', atMs: run.endMs, synchronous: false });
	// Stable by time; onQueryStarted first and onQueryTerminated last at equal times.
	return events
		.map((e, i) => ({ e, i }))
		.sort((a, b) => a.e.atMs - b.e.atMs || a.i - b.i)
		.map(({ e }) => e);
}
