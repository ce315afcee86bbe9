/**
 * The RxJS shell around the micro-batch loop (STYLE.md §4): RxJS decides *when* (rows arriving
 * at virtual instants, processing-time trigger ticks on the epoch grid, R1.4.2), the pure
 * executor decides *what*. The scheduler is always injected: a VirtualTimeScheduler or
 * TestScheduler in tests and in the page, never the wall clock. Arrivals at the same instant as
 * a tick are scheduled first, so they land in that tick's batch.
 */
import { Observable, Subscription, defer, type SchedulerLike } from 'rxjs';
import type { AnalyzedQuery } from '../analyzer/types';
import type { Row } from './context';
import type { EngineEvent } from './events';
import { MicroBatchExecution, type Checkpoint } from './executor';
import { MemoryStreams } from './memory-stream';
import { RunBudget, type RunLimit } from '../../core/budget';

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
	/** The run's limits (default RUN_LIMITS): past one, the run fails with RunLimitExceeded. */
	readonly limits?: Readonly<Record<RunLimit, number>>;
}

/** Arrivals grouped by instant, in arrival order within an instant. */
function groupByInstant(arrivals: readonly Arrival[]): Arrival[][] {
	const sorted = [...arrivals].sort((a, b) => a.atMs - b.atMs);
	const groups: Arrival[][] = [];
	for (const a of sorted) {
		const last = groups[groups.length - 1];
		if (last && Math.max(0, last[0]!.atMs) === Math.max(0, a.atMs)) last.push(a);
		else groups.push([a]);
	}
	return groups;
}

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
			batchDurationMs: options.batchDurationMs,
			budget: new RunBudget(options.limits)
		});
		const groups = groupByInstant(arrivals);
		const trigger = (): readonly EngineEvent[] => {
			if (single) return exec.runAvailable().flatMap((b) => b.events);
			// The default trigger runs batches back to back; only an idle poll waits 10 ms.
			if (interval <= 0) return exec.processAllAvailable().flatMap((b) => b.events);
			return exec.runTrigger()?.events ?? [];
		};
		// One pending action at a time, at the next instant that has arrivals or a trigger tick.
		// A timer per arrival would be simpler but each one is a sorted insert into the virtual
		// scheduler's queue: quadratic in the number of events. Arrivals at a tick's instant are
		// delivered first, so they land in that tick's batch; the first tick after untilMs ends
		// the ticks (a once/availableNow query ticks once, at 0).
		return new Observable<EngineEvent>((subscriber) => {
			const origin = scheduler.now();
			let gi = 0;
			let nextTick = 0;
			let ticking = true;
			const nextAt = () => Math.min(
				gi < groups.length ? Math.max(0, groups[gi]![0]!.atMs) : Infinity,
				ticking ? nextTick : Infinity
			);
			// A fresh action each time (not this.schedule, which chains every action to the last
			// and makes the final unsubscribe recurse once per instant).
			let pending = new Subscription();
			const fire = () => {
				try {
					const now = scheduler.now() - origin;
					while (gi < groups.length && Math.max(0, groups[gi]![0]!.atMs) <= now) {
						for (const a of groups[gi]!) streams.addData(a.source, a.rows);
						gi++;
					}
					if (ticking && nextTick <= now) {
						if (!single && scheduler.now() > untilMs) ticking = false;
						else {
							for (const e of trigger()) subscriber.next(e);
							if (single) ticking = false;
							else nextTick += every;
						}
					}
					const at = nextAt();
					if (at === Infinity) subscriber.complete();
					else if (!subscriber.closed) pending = scheduler.schedule(fire, at - now);
				} catch (e) {
					subscriber.error(e);
				}
			};
			pending = scheduler.schedule(fire, nextAt());
			return () => pending.unsubscribe();
		});
	});
}
