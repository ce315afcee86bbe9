/**
 * The RxJS shell around the micro-batch loop (STYLE.md §4): RxJS decides *when* (rows arriving
 * at virtual instants, processing-time trigger ticks on the epoch grid, R1.4.2), the pure
 * executor decides *what*. The scheduler is always injected: a VirtualTimeScheduler or
 * TestScheduler in tests and in the page, never the wall clock. Arrivals at the same instant as
 * a tick are scheduled first, so they land in that tick's batch.
 */
import {
	EMPTY,
	concatMap,
	defer,
	from,
	map,
	merge,
	mergeMap,
	takeWhile,
	timer,
	type Observable,
	type SchedulerLike
} from 'rxjs';
import type { AnalyzedQuery } from '../analyzer/types';
import type { Row } from './context';
import type { EngineEvent } from './events';
import { MicroBatchExecution, type Checkpoint } from './executor';
import { MemoryStreams } from './memory-stream';

export interface Arrival {
	/** Processing time (ms) the rows become available to the source. */
	readonly atMs: number;
	readonly source: string;
	readonly rows: readonly Row[];
}

export interface RunOptions {
	readonly scheduler: SchedulerLike;
	/** Overrides the query's trigger interval (ms). By default the program's trigger applies:
	 *  processingTime = its interval, the default trigger = back to back, polled every 10 ms
	 *  (R1.4.1), once = one trigger at start, availableNow = everything available at start. */
	readonly triggerIntervalMs?: number;
	/** Stop triggering after this processing time (ms). */
	readonly untilMs: number;
	readonly checkpoint?: Checkpoint;
	readonly batchDurationMs?: (numInputRows: number) => number;
}

type Tick = { readonly kind: 'arrive'; readonly a: Arrival } | { readonly kind: 'tick' };

export function runMicroBatches(
	query: AnalyzedQuery,
	arrivals: readonly Arrival[],
	options: RunOptions
): Observable<EngineEvent> {
	const { scheduler, untilMs } = options;
	const t = query.trigger;
	const interval = options.triggerIntervalMs ?? (t.kind === 'processingTime' ? t.intervalMs : 0);
	const every = interval > 0 ? interval : 10;
	const single = options.triggerIntervalMs === undefined && (t.kind === 'once' || t.kind === 'availableNow');
	return defer(() => {
		const streams = new MemoryStreams();
		const exec = new MicroBatchExecution(query, streams, {
			clock: () => scheduler.now(),
			checkpoint: options.checkpoint,
			batchDurationMs: options.batchDurationMs
		});
		const sorted = [...arrivals].sort((a, b) => a.atMs - b.atMs);
		const arrivals$ = from(sorted).pipe(
			mergeMap((a) => timer(a.atMs, scheduler).pipe(map((): Tick => ({ kind: 'arrive', a }))))
		);
		const ticks$ = single
			? timer(0, scheduler).pipe(map((): Tick => ({ kind: 'tick' })))
			: timer(0, every, scheduler).pipe(
					takeWhile(() => scheduler.now() <= untilMs),
					map((): Tick => ({ kind: 'tick' }))
				);
		return merge(arrivals$, ticks$).pipe(
			concatMap((t): Observable<EngineEvent> => {
				if (t.kind === 'arrive') {
					streams.addData(t.a.source, t.a.rows);
					return EMPTY;
				}
				if (single) return from(exec.runAvailable().flatMap((b) => b.events));
				// The default trigger runs batches back to back; only an idle poll waits 10 ms.
				if (interval <= 0) return from(exec.processAllAvailable().flatMap((b) => b.events));
				const b = exec.runTrigger();
				return b === null ? EMPTY : from(b.events);
			})
		);
	});
}
