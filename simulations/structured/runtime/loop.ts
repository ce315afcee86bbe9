/**
 * The one micro-batch loop (MicroBatchExecution's runActivatedStream around TriggerExecutor;
 * SPARK-SEMANTICS R1.2, R1.4). Every micro-batch run in the playground goes through it: the
 * Structured Streaming pages and the conformance-replay shell (run.ts, over MicroBatchExecution)
 * and SIM-1's cluster view (microbatch/executor.ts, over its rate and socket sources), and the
 * cluster-under-load pages (cluster/run.ts, on counts over a partitioned Kafka log). What
 * differs between them is injected:
 *
 * - the engine (`LoopTarget`): constructs and runs the next batch at a trigger, or says there is
 *   none (no new data and no no-data batch due), and may stop (a crash before commit);
 * - the trigger policy: ProcessingTimeExecutor's grid on the epoch clock, the default trigger's
 *   polling, once and availableNow termination (trigger-policy.ts);
 * - the clock policy: where virtual 0 sits on the epoch clock, and when no attempt may start;
 * - the cost/cluster policy: how long a batch and an idle attempt take (cost-policy.ts for SIM-1;
 *   the cluster model's BatchExecutor, cluster/batch-execution.ts, for the pages under load: the
 *   batch's stages on the executors' cores; zero for the pages that do not model a cluster);
 * - the failure policy: the engine's own (run.ts passes `crashBeforeCommit` to
 *   MicroBatchExecution); the loop ends the run when the engine says it stopped.
 *
 * The loop is the *when*: a trigger attempt at its time, the batch's commit after its cost, the
 * next attempt by the trigger policy (next multiple of the interval; an overrun starts the next
 * at once; missed ticks are skipped). The engine is the *what*.
 */
import {
	EMPTY,
	defer,
	expand,
	map,
	mergeMap,
	of,
	timer,
	type Observable,
	type SchedulerLike
} from 'rxjs';
import {
	fallingBehindMessage,
	isFallingBehind,
	nextTriggerAt,
	type TriggerSpec
} from './trigger-policy';

export interface LoopTarget<B> {
	/** A trigger at `now`: the batch it constructed and ran, or null when none was due. */
	runTrigger(now: number): B | null;
	/** True once the engine stopped on its own (a batch crashed before its commit). */
	stopped?(): boolean;
}

export interface LoopPolicies<B> {
	readonly trigger: TriggerSpec;
	/** Clock: virtual 0 on the epoch clock (the processing-time grid is aligned to the epoch). */
	readonly epochOffsetMs: number;
	/** Clock: no trigger attempt starts after this virtual time. */
	readonly untilMs: number;
	/** Cost/cluster: a batch's duration from trigger to commit, and an idle attempt's. */
	readonly cost: { batchMs(batch: B): number; readonly idleMs: number };
}

export type LoopEvent<B> =
	| { readonly kind: 'trigger'; readonly at: number; readonly batch: B | null }
	| {
			readonly kind: 'commit';
			readonly at: number;
			readonly batch: B;
			readonly triggerAt: number;
			/** When the next attempt starts (at or after this commit). */
			readonly nextAt: number;
			readonly fallingBehind: boolean;
	  }
	| { readonly kind: 'log'; readonly at: number; readonly message: string }
	| { readonly kind: 'terminated'; readonly at: number };

type Wake<B> =
	| { readonly kind: 'trigger'; readonly at: number }
	| { readonly kind: 'commit'; readonly at: number; readonly batch: B; readonly triggerAt: number }
	| { readonly kind: 'done' };

/** Spark's log line when availableNow finds nothing more to do (MultiBatchExecutor, R1.4.4). */
export const AVAILABLE_NOW_DONE =
	'Finished processing all available data for the trigger, terminating this Trigger.AvailableNow query';

/** One run of the loop: `step(now)` runs whatever is due at `now` and says when it wakes next. */
export class MicroBatchLoop<B> {
	private wakeState: Wake<B>;

	constructor(
		private readonly target: LoopTarget<B>,
		private readonly p: LoopPolicies<B>,
		startAt: number
	) {
		this.wakeState = { kind: 'trigger', at: startAt };
	}

	/** The virtual time of the next step, or null when the run is over. */
	get wakeAt(): number | null {
		return this.wakeState.kind === 'done' ? null : this.wakeState.at;
	}

	step(now: number): readonly LoopEvent<B>[] {
		const w = this.wakeState;
		if (w.kind === 'commit') return this.commit(w.batch, w.triggerAt, now);
		if (w.kind === 'done') return [];
		return this.attempt(now);
	}

	private done(events: LoopEvent<B>[]): readonly LoopEvent<B>[] {
		this.wakeState = { kind: 'done' };
		return events;
	}

	private attempt(now: number): readonly LoopEvent<B>[] {
		const { trigger } = this.p;
		if (now > this.p.untilMs) return this.done([]);
		const batch = this.target.runTrigger(now);
		if (batch === null) {
			const events: LoopEvent<B>[] = [{ kind: 'trigger', at: now, batch: null }];
			if (trigger.kind === 'availableNow') {
				// MultiBatchExecutor stops on the first trigger that constructs no batch (R1.4.4).
				events.push(
					{ kind: 'log', at: now, message: AVAILABLE_NOW_DONE },
					{ kind: 'terminated', at: now }
				);
				return this.done(events);
			}
			if (trigger.kind === 'once' || this.target.stopped?.()) {
				events.push({ kind: 'terminated', at: now });
				return this.done(events);
			}
			const finished = now + this.p.cost.idleMs;
			this.wakeState = {
				kind: 'trigger',
				at: nextTriggerAt(trigger, now, finished, false, this.p.epochOffsetMs)
			};
			return events;
		}
		this.wakeState = {
			kind: 'commit',
			at: now + this.p.cost.batchMs(batch),
			batch,
			triggerAt: now
		};
		return [{ kind: 'trigger', at: now, batch }];
	}

	private commit(batch: B, triggerAt: number, now: number): readonly LoopEvent<B>[] {
		const { trigger } = this.p;
		const elapsed = now - triggerAt;
		const fallingBehind = isFallingBehind(trigger, elapsed);
		const nextAt = nextTriggerAt(trigger, triggerAt, now, true, this.p.epochOffsetMs);
		const events: LoopEvent<B>[] = [
			{ kind: 'commit', at: now, batch, triggerAt, nextAt, fallingBehind }
		];
		if (fallingBehind)
			events.push({
				kind: 'log',
				at: now,
				message: fallingBehindMessage(trigger.intervalMs, elapsed)
			});
		if (trigger.kind === 'once' || this.target.stopped?.()) {
			events.push({ kind: 'terminated', at: now });
			return this.done(events);
		}
		this.wakeState = { kind: 'trigger', at: nextAt };
		return events;
	}
}

/** The loop on an injected scheduler: each step at its own virtual time, its events in order. */
export function loop$<B>(
	loop: MicroBatchLoop<B>,
	scheduler: SchedulerLike
): Observable<LoopEvent<B>> {
	return defer(() => {
		const wait = (at: number) => timer(Math.max(0, at - scheduler.now()), scheduler);
		const first: readonly LoopEvent<B>[] = [];
		return of(first).pipe(
			expand(() => {
				const at = loop.wakeAt;
				return at === null ? EMPTY : wait(at).pipe(map(() => loop.step(scheduler.now())));
			}),
			mergeMap((events) => events)
		);
	});
}
