/**
 * The query of a FORMAT-ADDITIONS scenario across its life (StreamTest's StartStream,
 * StopStream, ExpectFailure, AdvanceManualClock): one MicroBatchExecution per run of the query,
 * the checkpoint handed from run to run (a failed batch leaves offsets/N without commits/N, so
 * the next start re-runs it with the same id and offsets), the sink and `recorded` outliving
 * every run, and a manual clock that moves only when told. The sinks: a memory sink that skips
 * a batch id it already has (MemorySink.addBatch), a file sink whose committed output is the
 * batches that completed, and foreachBatch calling the program's function with each executed
 * batch as a batch DataFrame, no-data batches included.
 */
import { PyFunction, type PyValue as Py } from '../python/values';
import { callForeachBatch } from '../structured/reader/foreach-batch-call';
import type { AnalyzedQuery } from '../structured/analyzer/types';
import type { ProgramEnv } from '../structured/reader/index';
import type { Row } from '../structured/runtime/context';
import {
	MicroBatchExecution,
	type BatchRecord,
	type Checkpoint
} from '../structured/runtime/executor';
import type { MemoryStreams } from '../structured/runtime/memory-stream';
import { hasNewData } from '../structured/failures/new-data';

export type TriggerOverride = 'once' | 'availableNow' | { processingTimeMs: number } | null;

export interface SinkBatch {
	readonly batchId: number;
	readonly rows: readonly Row[];
}

export class AdditionsQuery {
	exec: MicroBatchExecution | null = null;
	checkpoint: Checkpoint | undefined;
	/** Checkpoints after each committed batch, for dropLastCommit (state of batch N-1). */
	private readonly history = new Map<number, Checkpoint>();
	/** Every executed batch id, in order (assertBatchIds), re-runs included. */
	readonly executedIds: number[] = [];
	/** Batches the sink kept, in order (memory/file sinks skip a batch id they already have). */
	sinkBatches: SinkBatch[] = [];
	private latestSinkBatch = -1;
	/** Batches handed to the sink since the last check (for checkNewAnswer). */
	sinceCheck: SinkBatch[] = [];
	failure: string | null = null;
	private override: TriggerOverride = null;
	private nextTriggerAt = 0;

	constructor(
		private readonly query: AnalyzedQuery,
		private readonly streams: MemoryStreams,
		private readonly env: ProgramEnv,
		private readonly clock: () => number,
		private readonly limits: (source: string) => number | undefined,
		readonly manualClock: boolean
	) {}

	get running(): boolean {
		return this.exec !== null && !this.exec.stopped;
	}

	private intervalMs(): number | null {
		const o = this.override;
		if (o !== null && typeof o === 'object') return o.processingTimeMs;
		if (o !== null) return null;
		const t = this.query.trigger;
		return t.kind === 'processingTime' && t.intervalMs > 0 ? t.intervalMs : null;
	}

	private deliver = (b: { batchId: number; rows: readonly Row[]; noData: boolean }): void => {
		this.executedIds.push(b.batchId);
		const fn = this.query.write.foreachBatchFn;
		if (fn instanceof PyFunction)
			return callForeachBatch(this.query, this.env, fn, b.batchId, b.rows);
		if (b.batchId <= this.latestSinkBatch) return;
		this.latestSinkBatch = b.batchId;
		const batch = { batchId: b.batchId, rows: b.rows };
		this.sinkBatches.push(batch);
		this.sinceCheck.push(batch);
	};

	/** Starts a run from the checkpoint and runs its first trigger (StartStream). */
	start(override: TriggerOverride): void {
		if (this.running) return;
		this.failure = null;
		// A trigger given at start wins for this run; otherwise the program's own.
		const own = this.query.trigger.kind;
		this.override =
			override ?? (own === 'once' ? 'once' : own === 'availableNow' ? 'availableNow' : null);
		override = this.override;
		const once = override === 'once';
		try {
			this.exec = new MicroBatchExecution(this.query, this.streams, {
				clock: this.clock,
				checkpoint: this.checkpoint,
				deliver: this.deliver,
				// Under once a batch takes every new file (FileStreamSource ignores the limit).
				maxOffsetsPerTrigger: once ? undefined : this.limits
			});
		} catch (e) {
			this.failure = (e as Error).message;
			return;
		}
		const interval = this.intervalMs();
		if (override === 'once') {
			this.trigger();
			this.stop();
		} else if (override === 'availableNow') {
			this.processAll();
			this.stop();
		} else if (interval !== null && this.manualClock) {
			this.trigger();
			const now = this.clock();
			this.nextTriggerAt = Math.floor(now / interval) * interval + interval;
		} else this.processAll();
	}

	stop(): void {
		if (this.exec !== null) this.checkpoint = this.exec.checkpoint();
		this.exec = null;
	}

	/** One trigger; a failure stops the query and is kept for the step to report. */
	trigger(): BatchRecord | null {
		const exec = this.exec;
		if (exec === null || exec.stopped) return null;
		try {
			const b = exec.runTrigger();
			if (b !== null) this.history.set(b.batchId, exec.checkpoint());
			return b;
		} catch (e) {
			this.failure = (e as Error).message;
			this.stop();
			return null;
		}
	}

	/** processAllAvailable: triggers until one constructs no batch; a trigger after a no-data
	 *  batch runs only for new data (an operator that always asks for one would never stop). */
	processAll(): void {
		let lastNoData = false;
		for (let guard = 0; guard < 1000 && this.running; guard++) {
			const exec = this.exec as MicroBatchExecution;
			if (lastNoData && !hasNewData(exec, this.streams)) return;
			const b = this.trigger();
			if (b === null) return;
			lastNoData = b.noData;
		}
	}

	/** What a check step runs: everything available, except under a manual clock with a
	 *  processingTime trigger, where only the triggers the clock fired run. */
	processForCheck(): void {
		if (!this.running) return;
		if (this.manualClock && this.intervalMs() !== null) return;
		this.processAll();
	}

	/** AdvanceManualClock: one trigger when the next trigger time has been reached. */
	clockAdvanced(): void {
		const interval = this.intervalMs();
		if (!this.running || interval === null) return;
		const now = this.clock();
		if (now < this.nextTriggerAt) return;
		this.trigger();
		this.nextTriggerAt = Math.floor(now / interval) * interval + interval;
	}

	/** Deletes commits/N of a stopped query: the restart re-runs batch N on batch N-1's state. */
	dropLastCommit(): void {
		const cp = this.checkpoint;
		if (cp === undefined || cp.commits.length === 0) return;
		const commits = cp.commits.slice(0, -1);
		const prev = commits[commits.length - 1];
		const base = prev === undefined ? undefined : this.history.get(prev.batchId);
		this.checkpoint = {
			offsets: cp.offsets,
			commits,
			state: base?.state ?? {},
			...(base?.limits ? { limits: base.limits } : {})
		};
	}

	clearSink(): void {
		this.sinkBatches = [];
		this.sinceCheck = [];
		this.latestSinkBatch = -1;
	}
}

export type { Py };
