/**
 * The `foreach` sink (Spark 4.1 sql/core/.../streaming/sources/ForeachWriterTable.scala,
 * ForeachDataWriter): one DataWriter per task (partition) and epoch; for a micro-batch the
 * epoch id is the batch id.
 * - `open(partitionId, epochId)` is called when the task's writer is created; if it returns
 *   false the partition's rows are skipped (`write` returns at once), but `close` still runs;
 * - `process(row)` per row; an exception there is kept as `errorOrNull` and fails the task
 *   (FOREACH_USER_FUNCTION_ERROR);
 * - `close(errorOrNull)` once per task: null after a clean commit, the process error, or
 *   "Foreach writer has been aborted due to a task failure." when the task was aborted.
 * The driver's commit does nothing. A re-run batch calls open(p, N) again with the same ids, so
 * rows are processed again unless the writer's `open` turns that pair down: at-least-once (the
 * guide warns the pair is not a stable dedup key across plan changes, SPARK-28650). All modes.
 */
import {
	tasksBeforeFault,
	tasksOf,
	type SinkBatch,
	type SinkRow,
	type SinkWriteOutcome,
	type StreamingSink
} from './contract';
import { conditionError, type SinkError } from './errors';
import { DeliveryLedger } from './ledger';

/** A ForeachWriter, injected (the user's Python class later). Exceptions are errors. */
export interface ForeachWriter {
	open(partitionId: number, epochId: number): boolean;
	process(row: SinkRow): void;
	close(error: string | null): void;
}

export type ForeachCall =
	| {
			readonly call: 'open';
			readonly partitionId: number;
			readonly epochId: number;
			readonly result: boolean;
	  }
	| {
			readonly call: 'process';
			readonly partitionId: number;
			readonly epochId: number;
			readonly row: SinkRow;
	  }
	| {
			readonly call: 'close';
			readonly partitionId: number;
			readonly epochId: number;
			readonly error: string | null;
	  };

const ABORTED = 'Foreach writer has been aborted due to a task failure.';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class ForeachSink implements StreamingSink {
	readonly kind = 'foreach' as const;
	readonly description = 'ForeachWriterTable';
	readonly guarantee = 'at-least-once' as const;
	readonly ledger = new DeliveryLedger();
	/** Every call the writer received, in order. */
	readonly calls: ForeachCall[] = [];

	constructor(private readonly writer: ForeachWriter) {}

	addBatch(batch: SinkBatch): SinkWriteOutcome {
		const epochId = batch.batchId;
		const tasks = tasksOf(batch);
		const done = tasksBeforeFault(batch, tasks.length);
		const delivered: number[] = [];
		const userError = (e: unknown): SinkError =>
			conditionError(
				'FOREACH_USER_FUNCTION_ERROR',
				'39000',
				`An error occurred in the user provided function in foreach sink. Reason: ${messageOf(e)}`
			);
		for (let p = 0; p < tasks.length; p++) {
			let opened: boolean;
			try {
				opened = this.writer.open(p, epochId);
			} catch (e) {
				this.ledger.deliver(batch.batchId, batch.rows, delivered);
				return { batchId: batch.batchId, status: 'failed', delivered, error: userError(e) };
			}
			this.calls.push({ call: 'open', partitionId: p, epochId, result: opened });
			const failsHere = p >= done;
			if (opened && !failsHere) {
				for (const i of tasks[p] ?? []) {
					const row = batch.rows[i] ?? [];
					try {
						this.writer.process(row);
					} catch (e) {
						this.calls.push({ call: 'process', partitionId: p, epochId, row });
						this.close(p, epochId, messageOf(e));
						this.ledger.deliver(batch.batchId, batch.rows, delivered);
						return { batchId: batch.batchId, status: 'failed', delivered, error: userError(e) };
					}
					this.calls.push({ call: 'process', partitionId: p, epochId, row });
					delivered.push(i);
				}
			}
			if (failsHere) {
				// The injected failure hits this task: abort, close with Spark's abort error.
				this.close(p, epochId, ABORTED);
				this.ledger.deliver(batch.batchId, batch.rows, delivered);
				return { batchId: batch.batchId, status: 'failed', delivered, note: `task ${p} failed` };
			}
			this.close(p, epochId, null);
		}
		this.ledger.deliver(batch.batchId, batch.rows, delivered);
		return { batchId: batch.batchId, status: 'written', delivered };
	}

	private close(partitionId: number, epochId: number, error: string | null): void {
		this.calls.push({ call: 'close', partitionId, epochId, error });
		try {
			this.writer.close(error);
		} catch {
			// An error in close after a failure does not replace the task's own error.
		}
	}
}
