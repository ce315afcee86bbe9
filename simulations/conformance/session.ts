/**
 * A scenario's query across its lifetime (FORMAT-ADDITIONS.md "Query lifecycle steps", "Manual
 * clock"): started, stopped and restarted on one checkpoint, over inputs and a sink that outlive
 * each run, on the scenario's clock. Each run is one MicroBatchExecution; under a manual clock a
 * processingTime trigger is driven by the one micro-batch loop (loop.ts: a trigger at start,
 * then exactly one trigger whenever the clock reaches the next grid time, missed ticks skipped).
 * The default trigger, and any trigger on a free clock, process all available input at a check
 * step, as StreamTest does.
 */
import type { AnalyzedQuery } from '../structured/analyzer/types';
import type { StreamingSink } from '../sinks/contract';
import {
	MicroBatchExecution,
	type BatchRecord,
	type Checkpoint
} from '../structured/runtime/executor';
import { MicroBatchLoop } from '../structured/runtime/loop';
import type { TriggerSpec } from '../structured/runtime/trigger-policy';
import type { ScenarioInputs } from './scenario-inputs';

export class RunFailure extends Error {}

/** The run's trigger: the startStream override, else the program's (continuous is not run here). */
function triggerOf(query: AnalyzedQuery, override: TriggerSpec | undefined): TriggerSpec {
	if (override !== undefined) return override;
	const t = query.trigger;
	if (t.kind === 'processingTime' && t.intervalMs > 0)
		return { kind: 'processingTime', intervalMs: t.intervalMs };
	if (t.kind === 'once' || t.kind === 'availableNow') return { kind: t.kind, intervalMs: 0 };
	return { kind: 'default', intervalMs: 0 };
}

export class QuerySession {
	/** Virtual ms; a manual clock starts at 0 and moves only on advanceClock. */
	clockMs = 0;
	private exec: MicroBatchExecution | null = null;
	private loop: MicroBatchLoop<BatchRecord> | null = null;
	private trigger: TriggerSpec = { kind: 'default', intervalMs: 0 };
	private checkpoint: Checkpoint | undefined;
	/** Why the query stopped with an error (a source's data loss, a sink's failure). */
	error: string | null = null;
	/** Every executed batch id, in order, re-runs included. */
	readonly batchIds: number[] = [];

	constructor(
		private readonly query: AnalyzedQuery,
		private readonly inputs: ScenarioInputs,
		readonly manual: boolean,
		private readonly onBatch: (b: BatchRecord) => void,
		private readonly sink?: StreamingSink
	) {}

	get running(): boolean {
		return this.exec !== null && !this.exec.stopped && this.error === null;
	}

	/** The executor's clock: a manual clock reads as is; a free one ticks 100 ms a trigger. */
	private readonly execClock = (): number => (this.manual ? this.clockMs : (this.clockMs += 100));

	private fail(e: unknown): never {
		this.error = (e as Error).message;
		if (this.exec !== null) this.checkpoint = this.exec.checkpoint();
		this.exec = null;
		this.loop = null;
		throw new RunFailure(`query failed: ${this.error}`);
	}

	private record(batches: readonly BatchRecord[]): void {
		for (const b of batches) {
			this.batchIds.push(b.batchId);
			this.onBatch(b);
		}
	}

	/** Start (or resume from the checkpoint) without running a trigger yet. */
	open(override?: TriggerSpec): void {
		if (this.running) return;
		// A once/availableNow run that finished by itself left its checkpoint in its executor.
		this.stop();
		this.error = null;
		this.trigger = triggerOf(this.query, override);
		const kind = this.trigger.kind;
		try {
			const started = this.inputs.start(kind);
			if (!started.ok) throw new Error(started.error);
			this.exec = new MicroBatchExecution(this.query, started.inputs, {
				clock: this.execClock,
				trigger: kind,
				...(this.checkpoint ? { checkpoint: this.checkpoint } : {}),
				...(this.sink ? { sink: this.sink } : {})
			});
		} catch (e) {
			this.fail(e);
		}
		this.loop =
			this.manual && kind === 'processingTime'
				? new MicroBatchLoop<BatchRecord>(
						{
							runTrigger: () => (this.exec as MicroBatchExecution).runTrigger(),
							stopped: () => this.exec?.stopped ?? true
						},
						{
							trigger: this.trigger,
							epochOffsetMs: 0,
							untilMs: Number.POSITIVE_INFINITY,
							cost: { batchMs: () => 0, idleMs: 0 }
						},
						this.clockMs
					)
				: null;
	}

	/** startStream: open, then the first trigger at once (processingTime under a manual clock),
	 *  or everything available (other triggers; once/availableNow run to completion and stop). */
	start(override?: TriggerSpec): void {
		this.open(override);
		if (this.loop !== null) this.due();
		else this.processAvailable();
	}

	stop(): void {
		if (this.exec !== null) this.checkpoint = this.exec.checkpoint();
		this.exec = null;
		this.loop = null;
	}

	/** Under a manual clock with a processingTime trigger: the triggers due by now, one at most. */
	private due(): void {
		const loop = this.loop;
		if (loop === null) return;
		try {
			while (loop.wakeAt !== null && loop.wakeAt <= this.clockMs) {
				for (const e of loop.step(this.clockMs)) if (e.kind === 'commit') this.record([e.batch]);
			}
		} catch (e) {
			this.fail(e);
		}
	}

	advanceClock(seconds: number): void {
		this.clockMs += Math.round(seconds * 1000);
		if (this.running) this.due();
	}

	/** What a check step runs: all available input, or nothing when the triggers are the clock's
	 *  (manual clock + processingTime) or the query is not running. */
	processAvailable(): void {
		if (!this.running || this.loop !== null) return;
		try {
			(this.exec as MicroBatchExecution).runAvailable((b) => this.record([b]));
		} catch (e) {
			this.fail(e);
		}
	}
}
