/**
 * What the fault-tolerance views draw of a run, and the run cut at a cursor (`frameAt`): every
 * attempt of every batch with the times of the driver loop's phases (plan offsets, write
 * offsets/N, run, write the sink, write commits/N), where it died, the replay (same batch id,
 * same offsets), the checkpoint and output folders file by file, and the sink's delivery ledger.
 * The UI never recomputes any of it: it reads these.
 */
import type { DeliveryGuarantee } from '../../sinks/contract';
import type { FailurePhase } from '../../structured/failures/schedule';

export const PHASES = ['plan', 'offsetLog', 'run', 'sink', 'commit'] as const;
export type LoopPhase = (typeof PHASES)[number];

/** The failure phase that stops the loop in (or just after) each loop phase. */
export const PHASE_OF_FAILURE: Readonly<Record<FailurePhase, LoopPhase>> = {
	beforeOffsetLog: 'plan',
	afterOffsetLog: 'offsetLog',
	duringProcessing: 'run',
	afterSinkBeforeCommit: 'sink',
	executorLost: 'run'
};

export interface FtBatch {
	readonly batchId: number;
	/** 1 for the first attempt, 2 for the run after a restart… */
	readonly attempt: number;
	/** A re-run of a batch whose offsets/N was logged before the crash (same id, same offsets). */
	readonly replay: boolean;
	/** The run (driver incarnation) it belongs to, 0-based. */
	readonly runIndex: number;
	readonly startMs: number;
	/** When each phase started (absent: never reached). */
	readonly phases: Partial<Readonly<Record<LoopPhase, number>>>;
	readonly endMs: number;
	/** The failure that hit this attempt, if any. */
	readonly failed: FailurePhase | null;
	/** Per partition [start, end) (absent when the driver died before planning them). */
	readonly start: Readonly<Record<number, number>>;
	readonly end: Readonly<Record<number, number>>;
	readonly numInputRows: number;
	readonly numOutputRows: number;
	readonly batchWatermarkMs: number;
	/** What the sink did with this attempt's rows ("Skipping already committed batch 5"). */
	readonly sink: { readonly status: string; readonly note: string | null } | null;
	/** Executor loss inside the batch: the tasks it had, re-run on the other executor. */
	readonly tasksRerun: number;
	/** The ledger after this attempt: distinct rows, deliveries, deliveries beyond the first. */
	readonly ledger: { readonly rows: number; readonly writes: number; readonly extraWrites: number };
	/** On a page that draws the cluster (advanced-01): the batch's durationMs and tasks. */
	readonly internals?: BatchInternals;
}

/** One task of a batch on an executor's core (internals.ts). */
export interface InternalsTask {
	/** A read task (one Kafka partition) or a stateful task (one shuffle partition). */
	readonly stage: 'read' | 'state';
	readonly partition: number;
	readonly executor: number;
	readonly core: number;
	readonly startMs: number;
	readonly endMs: number;
	readonly rows: number;
	/** A read task run again because its executor's shuffle output was lost. */
	readonly retry: boolean;
	/** It ran on the executor that was lost afterwards. */
	readonly lost: boolean;
	/** The state version it reads and the one it writes (stateful tasks). */
	readonly reads: number | null;
	readonly writes: number | null;
	/** The time it spent loading its store from the checkpoint (0: already loaded there). */
	readonly loadMs: number;
	readonly loadFiles: readonly string[];
}

export interface BatchInternals {
	/** As StreamingQueryProgress.durationMs reports them (triggerExecution is their sum). */
	readonly durationMs: Readonly<Record<string, number>> & { readonly triggerExecution: number };
	readonly executors: readonly {
		readonly id: number;
		readonly cores: number;
		readonly lostAtMs: number | null;
	}[];
	readonly tasks: readonly InternalsTask[];
	readonly lost: { readonly executor: number; readonly atMs: number } | null;
	readonly readTasks: number;
	readonly stateTasks: number;
	/** Cores of the executors alive after the batch. */
	readonly cores: number;
}

export type FtFileArea = 'checkpoint' | 'output';

export interface FtFile {
	readonly area: FtFileArea;
	/** Relative to the checkpoint location (or the output path). */
	readonly path: string;
	readonly content: string;
	readonly atMs: number;
	readonly batchId: number;
}

export interface FtRun {
	readonly topic: string;
	readonly partitions: number;
	readonly shufflePartitions: number;
	readonly minDeltasForSnapshot: number;
	readonly checkpointLocation: string;
	readonly outputPath: string | null;
	readonly queryId: string;
	readonly batches: FtBatch[];
	readonly files: FtFile[];
	readonly crashes: { atMs: number; batchId: number; phase: FailurePhase; message: string }[];
	readonly restarts: { stopMs: number; startMs: number; replays: number | null }[];
	/** A program Spark refuses at start(): its error (no batch runs), and where it is located. */
	refused: string | null;
	refusedAt: { readonly line: number; readonly column: number };
	/** When the query stopped with it (0: at start()). */
	refusedAtMs: number;
	endMs: number;
	readonly sinkDescription: string;
	readonly sinkGuarantee: DeliveryGuarantee;
	readonly failure: { readonly batchId: number; readonly phase: FailurePhase } | null;
	/** The output against a failure-free run of the same seed (pages that ask for it). */
	comparison?: FtComparison;
	/** What each restart loaded per state partition (pages that draw the state store). */
	recoveries?: FtRecovery[];
	/** The state data source's table for a chosen committed batch id (advanced-04's time travel). */
	stateTable?: { readonly batchId: number; readonly rows: readonly FtStateRow[] } | null;
	/** A restart Spark refused because the program changed (its error is `refused`). */
	restartRefused?: boolean;
	readonly spans: {
		readonly source: { line: number; endLine: number } | null;
		readonly state: { line: number; endLine: number } | null;
		readonly sink: { line: number; endLine: number } | null;
	};
}

/** What the failure changed in the output, counted against a failure-free run of the same seed. */
export interface FtComparison {
	/** Distinct rows the failure-free run wrote. */
	readonly expectedRows: number;
	/** Of those, rows this run never wrote (lost input changes an aggregate, or drops it). */
	readonly missing: number;
	/** Rows this run wrote that the failure-free run did not (an aggregate over fewer records). */
	readonly unexpected: number;
	/** Deliveries beyond the first: rows a reader sees twice. */
	readonly duplicates: number;
	/** Records the query read: the failure-free run's, and this run's (replays counted once). */
	readonly expectedInput: number;
	readonly input: number;
}

/** A restart's state recovery: per partition, the snapshot loaded and the deltas replayed on it. */
export interface FtRecovery {
	/** The restart (driver back up) and the end of the batch it re-ran. */
	readonly startMs: number;
	readonly endMs: number;
	readonly partitions: readonly {
		readonly dir: string;
		readonly snapshot: number | null;
		readonly deltas: readonly number[];
		/** The version loaded: the last committed batch id + 1. */
		readonly version: number;
	}[];
}

/** One row of `spark.read.format("statestore")`: operator, key, value, partition. */
export interface FtStateRow {
	readonly operator: number;
	readonly key: string;
	readonly value: string;
	readonly partition: number;
}

export interface FtFrame {
	readonly t: number;
	/** Attempts started by the cursor, oldest first. */
	readonly batches: readonly FtBatch[];
	readonly current: FtBatch | null;
	/** The loop phase the current attempt is in at the cursor (null between batches). */
	readonly phase: LoopPhase | null;
	/** The driver is down (between a crash and its restart). */
	readonly down: boolean;
	readonly runIndex: number;
	/** Files written by the cursor, in write order. */
	readonly files: readonly FtFile[];
	/** The file written last (the one the view opens). */
	readonly newest: FtFile | null;
	readonly crashes: number;
	readonly ledger: { readonly rows: number; readonly writes: number; readonly extraWrites: number };
	readonly refused: string | null;
}

const EMPTY_LEDGER = { rows: 0, writes: 0, extraWrites: 0 };

export function phaseAt(b: FtBatch, t: number): LoopPhase | null {
	if (t < b.startMs || t >= b.endMs) return null;
	let at: LoopPhase | null = null;
	for (const p of PHASES) {
		const s = b.phases[p];
		if (s !== undefined && s <= t) at = p;
	}
	return at;
}

export function frameAt(run: FtRun, t: number): FtFrame {
	const batches = run.batches.filter((b) => b.startMs <= t);
	const current = batches.at(-1) ?? null;
	const files = run.files.filter((f) => f.atMs <= t);
	const done = batches.filter((b) => b.endMs <= t);
	return {
		t,
		batches,
		current,
		phase: current ? phaseAt(current, t) : null,
		down: run.restarts.some((r) => r.stopMs <= t && t < r.startMs),
		runIndex: run.restarts.filter((r) => r.startMs <= t).length,
		files,
		newest: files.at(-1) ?? null,
		crashes: run.crashes.filter((c) => c.atMs <= t).length,
		ledger: done.at(-1)?.ledger ?? EMPTY_LEDGER,
		refused: run.refused !== null && t >= run.refusedAtMs ? run.refused : null
	};
}
