/**
 * The view model of a DStream run (SIM-2): per batch interval the receiver's blocks, the input
 * RDD, and the RDD each output operation's DStream generated for that batch time; plus the
 * batch's scheduling and processing delay. One RDD per DStream per batch (R8.1); a window RDD
 * covers the batches in (t - windowLength, t] (R8.3); only engine facts, views add no semantics.
 */

import type { RecoveryFacts } from '../../dstream/recovery';

export type DsRowKind = 'input' | 'batch' | 'window' | 'state';

/** A DStream the page draws as one row of RDD boxes. */
export interface DsRow {
	readonly nodeId: number;
	readonly kind: DsRowKind;
	/** The Python variable the program assigned it to (`per_batch`), else its operation. */
	readonly name: string;
	readonly op: string;
	readonly sparkClass: string;
	readonly slideMs: number;
	readonly windowMs?: number;
	/** 1-based program line of the call that created it. */
	readonly line: number;
}

export interface DsBlock {
	/** When the receiver cut the block (virtual ms since zeroTime). */
	readonly atMs: number;
	readonly records: number;
}

/** One DStream's RDD at one batch time. */
export interface DsCell {
	readonly nodeId: number;
	/** False when the DStream generates no RDD at this time (a window between slides). */
	readonly present: boolean;
	readonly count: number;
	readonly partitionSizes: readonly number[];
	/** Elements as Python reprs, at most MAX_RECORDS. */
	readonly records: readonly string[];
	/** This RDD was written to the checkpoint directory (cuts its lineage, R8.5). */
	readonly checkpointed: boolean;
}

export interface DsBatch {
	/** The batch time: the end of its interval, a multiple of the batch interval. */
	readonly batchTime: number;
	/** 0: the first driver; 1: the driver restarted after a failure (DsRun.restart). */
	readonly attempt: 0 | 1;
	/** Run by the restarted driver for a time before its restart (re-run or down time). */
	readonly rerun: boolean;
	readonly startMs: number;
	readonly endMs: number;
	readonly schedulingDelay: number;
	readonly processingDelay: number;
	readonly numRecords: number;
	readonly blocks: readonly DsBlock[];
	/** In the order of DsRun.rows. */
	readonly cells: readonly DsCell[];
	/** What pprint() printed for this batch, all outputs in registration order. */
	readonly pprint: readonly string[];
}

/** Lines of the program (1-based, inclusive). */
export interface DsLines {
	readonly line: number;
	readonly endLine: number;
}

/** Where the program says what the run does: the lines a cursor's code focus points at. */
export interface DsSpans {
	/** `StreamingContext(sc, N)`: the batch interval (R8.1). */
	readonly context: DsLines | null;
	/** `ssc.checkpoint(dir)` (R8.5). */
	readonly checkpoint: DsLines | null;
	/** The call that created each row's DStream, by node id. */
	readonly rows: readonly (DsLines & { readonly nodeId: number })[];
	/** Each output operation (`pprint()`, `foreachRDD(...)`), in registration order. */
	readonly outputs: readonly (DsLines & { readonly nodeId: number; readonly kind: string })[];
}

/** A write to the checkpoint directory (R8.5): the metadata at each batch time, an RDD's data
 *  when its stream's checkpoint interval comes round. */
export interface DsCheckpoint {
	readonly atMs: number;
	readonly batchTime: number;
	readonly kind: 'metadata' | 'data';
	readonly nodeId: number | null;
}

export interface DsRun {
	readonly batchMs: number;
	readonly blockIntervalMs: number;
	readonly rows: readonly DsRow[];
	readonly batches: readonly DsBatch[];
	readonly endMs: number;
	/** Why the application stopped making progress, if it did (no core left for tasks). */
	readonly stalled: string | null;
	readonly spans: DsSpans;
	readonly checkpoints: readonly DsCheckpoint[];
	/** The driver failure and restart the page injected, if any. */
	readonly restart: DsRestart | null;
}

/** A driver failure and restart (../../dstream/recovery.ts): what the restarted driver re-ran,
 *  read back or lost. */
export interface DsRestart extends RecoveryFacts {
	/** getOrCreate found a checkpoint: the setup function was not called. */
	readonly fromCheckpoint: boolean;
	/** The program shown differs from the checkpointed one that actually ran after the restart. */
	readonly codeIgnored: boolean;
}

export const MAX_RECORDS = 12;

export type DsPhase = 'filling' | 'queued' | 'running' | 'done';

export interface DsFrameBatch {
	readonly batch: DsBatch;
	readonly phase: DsPhase;
	/** Records the receiver has put into blocks for this batch by now. */
	readonly received: number;
	readonly blocks: readonly DsBlock[];
}

export interface DsFrame {
	readonly now: number;
	/** Batches whose interval has begun, oldest first. */
	readonly batches: readonly DsFrameBatch[];
	readonly done: readonly DsBatch[];
	/** Batches generated but not yet started: the job queue (concurrentJobs = 1). */
	readonly queued: number;
	/** The window of the last finished batch that has a window RDD: the batch times it covers. */
	readonly window: { readonly row: DsRow; readonly batchTimes: readonly number[] } | null;
}

function phaseOf(b: DsBatch, now: number): DsPhase {
	if (now < b.batchTime) return 'filling';
	if (now < b.startMs) return 'queued';
	return now < b.endMs ? 'running' : 'done';
}

export function frameAt(run: DsRun, now: number): DsFrame {
	const restartAt = run.restart?.restartAtMs ?? 0;
	const batches = run.batches
		.filter((b) => b.batchTime - run.batchMs < now || b.batchTime === run.batchMs)
		.filter((b) => b.attempt === 0 || now >= restartAt)
		.map((batch): DsFrameBatch => {
			const phase = phaseOf(batch, now);
			const blocks = phase === 'filling' ? batch.blocks.filter((k) => k.atMs <= now) : batch.blocks;
			return { batch, phase, blocks, received: blocks.reduce((n, k) => n + k.records, 0) };
		});
	const done = batches.filter((b) => b.phase === 'done').map((b) => b.batch);
	return {
		now,
		batches,
		done,
		queued: batches.filter((b) => b.phase === 'queued').length,
		window: windowOf(run, done)
	};
}

/** Batch times in (t - windowLength, t]: the RDDs a window RDD at t was built from. */
export function windowBatchTimes(run: DsRun, row: DsRow, t: number): number[] {
	const length = row.windowMs ?? run.batchMs;
	return run.batches.map((b) => b.batchTime).filter((bt) => bt > t - length && bt <= t);
}

function windowOf(run: DsRun, done: readonly DsBatch[]): DsFrame['window'] {
	const i = run.rows.findIndex((r) => r.kind === 'window');
	const row = run.rows[i];
	if (!row) return null;
	const last = [...done].reverse().find((b) => b.cells[i]?.present);
	return last ? { row, batchTimes: windowBatchTimes(run, row, last.batchTime) } : null;
}

/** The next instant after t at which a batch completes (the transport's "step one batch"). */
export function nextBatchEnd(run: DsRun, t: number): number | undefined {
	return run.batches.map((b) => b.endMs).find((e) => e > t);
}

/** The last instant before t at which a batch completed ("step back"), if any. */
export function previousBatchEnd(run: DsRun, t: number): number | undefined {
	return run.batches.map((b) => b.endMs).findLast((e) => e < t);
}
