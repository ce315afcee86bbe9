/**
 * The sink contract, modelled on Spark's two sink APIs:
 * - V1 `Sink.addBatch(batchId, data)` (org.apache.spark.sql.execution.streaming.Sink), used by
 *   the file sink and `foreachBatch`: one driver-side call per executed micro-batch;
 * - V2 `StreamingWrite` (org.apache.spark.sql.connector.write.streaming): one `DataWriter` per
 *   task (`write(row)`… then `commit()` or `abort()`), then the driver's
 *   `StreamingWrite.commit(epochId, messages)` or `abort(...)`; used by memory, console, Kafka
 *   and `foreach`.
 * MicroBatchExecution.runBatch calls the sink once per executed batch, no-data batches included,
 * before it writes commits/N. A batch that ran the sink but whose commits/N was never written is
 * re-run after a restart with the same batch id and offsets, so the sink sees `addBatch(N)`
 * again: what each sink does with that second call is its delivery guarantee.
 *
 * Every call returns what it left behind (a `SinkWriteOutcome`) and records each delivered row
 * in the sink's `DeliveryLedger`, so duplicates after a replay are counted, not only drawn.
 * Nothing here throws on a failure: a failed write is an outcome carrying Spark's error, and the
 * loop fails the query with it.
 */
import type { DataType, Value } from '../structured/expr/ast';
import type { OutputMode } from '../structured/plan';
import type { SinkError } from './errors';
import type { DeliveryLedger } from './ledger';

export type { OutputMode };

/** One output row of a batch, in schema column order (the executor's `Row`). */
export type SinkRow = readonly Value[];

/** Column types a sink meets: the engine's types plus Kafka's `binary` (bytes shown as UTF-8). */
export type SinkType = DataType | { readonly kind: 'binary' };

export interface SinkField {
	readonly name: string;
	readonly type: SinkType;
}

export type SinkKind =
	'console' | 'memory' | 'file' | 'kafka' | 'foreach' | 'foreachBatch' | 'table';

/** What a replayed batch leaves in the sink (the Structured Streaming guide's sink table). */
export type DeliveryGuarantee = 'exactly-once' | 'at-least-once' | 'not fault-tolerant';

/** A fault injected into one write, for the fault-tolerance pages. */
export interface SinkFault {
	/** The write job fails after this many tasks committed (task order), before the driver's
	 *  commit (V2 `StreamingWrite.commit`, the file sink's `_spark_metadata/N`). */
	readonly afterTasks: number;
	/** The driver dies instead of aborting the job: no `abortJob` clean-up runs, so files the
	 *  committed tasks wrote stay on disk (outside the metadata log). */
	readonly driverDies?: boolean;
}

export interface SinkBatch {
	readonly batchId: number;
	/** The batch's output rows (for complete mode: the whole result table). */
	readonly rows: readonly SinkRow[];
	readonly outputMode: OutputMode;
	/** How the rows are split into write tasks (Spark partitions), as row indices; default one
	 *  task holding every row (see `tasksOf`). */
	readonly tasks?: readonly (readonly number[])[];
	/** Virtual time of the write, ms (file modification times, Kafka record timestamps). */
	readonly nowMs?: number;
	readonly fault?: SinkFault;
}

export type SinkStatus = 'written' | 'skipped' | 'failed';

export interface SinkWriteOutcome {
	readonly batchId: number;
	readonly status: SinkStatus;
	/** Spark's log line or reason, e.g. "Skipping already committed batch 3". */
	readonly note?: string;
	/** Indices (into the batch's rows) of the rows this call delivered where a reader sees them. */
	readonly delivered: readonly number[];
	readonly error?: SinkError;
}

export interface StreamingSink {
	readonly kind: SinkKind;
	/** The sink's toString, as the progress' `sink.description` shows it. */
	readonly description: string;
	readonly guarantee: DeliveryGuarantee;
	readonly ledger: DeliveryLedger;
	addBatch(batch: SinkBatch): SinkWriteOutcome;
}

/** The write tasks of a batch: the given split, else one task with every row. */
export function tasksOf(batch: SinkBatch): readonly (readonly number[])[] {
	return batch.tasks ?? [batch.rows.map((_, i) => i)];
}

/** Split `n` rows into `numTasks` contiguous tasks (sizes differ by at most one, larger first),
 *  a stand-in for the partitioning the plan gives the sink's input. */
export function contiguousTasks(n: number, numTasks: number): number[][] {
	const k = Math.max(1, Math.floor(numTasks));
	const base = Math.floor(n / k);
	const extra = n % k;
	const out: number[][] = [];
	let next = 0;
	for (let t = 0; t < k; t++) {
		const size = base + (t < extra ? 1 : 0);
		out.push(Array.from({ length: size }, (_, i) => next + i));
		next += size;
	}
	return out;
}

/** How many tasks run before an injected fault stops the job (all of them without one). */
export function tasksBeforeFault(batch: SinkBatch, total: number): number {
	return batch.fault === undefined ? total : Math.max(0, Math.min(total, batch.fault.afterTasks));
}
