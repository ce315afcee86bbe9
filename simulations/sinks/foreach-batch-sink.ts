/**
 * The `foreachBatch` sink (Spark 4.1 sql/core/.../streaming/sources/ForeachBatchSink.scala):
 * a V1 sink whose `addBatch(batchId, data)` calls the user's function with the batch as a
 * DataFrame and its id, every time, no-data batches included (empty DataFrame) and again with
 * the same id when a batch is re-run after a failure: there is no batch-id check. Whether the
 * output is exactly-once is up to the function (skip or overwrite by `batch_id`).
 * An exception from the function (that is not already a Spark error) fails the query as
 * `ForeachBatchUserFuncException`: `[FOREACH_BATCH_USER_FUNCTION_ERROR] An error occurred in the
 * user provided function in foreach batch sink. Reason: <message> SQLSTATE: 39000`.
 *
 * The function is injected: `(rows, batchId) => effects`, where the effects say what it wrote to
 * its own target (the project's Python interpreter will run the user's `def` behind this).
 */
import type { SinkBatch, SinkRow, SinkWriteOutcome, StreamingSink } from './contract';
import { conditionError } from './errors';
import { DeliveryLedger } from './ledger';

/** What one call of the function did to one of its targets. `target` names where the rows went
 *  (a table's path, a topic) when the function writes to more than one place: the ledger counts
 *  each target's deliveries apart, so one batch written to two targets is not a duplicate. */
export type ForeachBatchEffect =
	/** Appended rows (e.g. `df.write.mode("append")`, a non-idempotent insert). */
	| { readonly kind: 'append'; readonly rows: readonly SinkRow[]; readonly target?: string }
	/** Replaced whatever it had written for this batch id (an idempotent write keyed by id). */
	| { readonly kind: 'overwrite'; readonly rows: readonly SinkRow[]; readonly target?: string };

export type ForeachBatchFunction = (
	rows: readonly SinkRow[],
	batchId: number
) => readonly ForeachBatchEffect[] | void;

export interface ForeachBatchCall {
	readonly batchId: number;
	/** 1 for the first call with this batch id, 2 for its re-run… */
	readonly attempt: number;
	readonly numRows: number;
	readonly effects: readonly ForeachBatchEffect[];
	readonly error?: string;
}

/** Python-style errors carry their class; a plain message is what Spark's reason shows. */
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class ForeachBatchSink implements StreamingSink {
	readonly kind = 'foreachBatch' as const;
	readonly description = 'ForeachBatchSink';
	readonly guarantee = 'at-least-once' as const;
	/** Deliveries to the function's target, from the effects it reported. */
	readonly ledger = new DeliveryLedger();
	readonly calls: ForeachBatchCall[] = [];

	constructor(private readonly fn: ForeachBatchFunction) {}

	addBatch(batch: SinkBatch): SinkWriteOutcome {
		const attempt = this.calls.filter((c) => c.batchId === batch.batchId).length + 1;
		let effects: readonly ForeachBatchEffect[];
		try {
			effects = this.fn(batch.rows, batch.batchId) ?? [];
		} catch (e) {
			const reason = messageOf(e);
			this.calls.push({
				batchId: batch.batchId,
				attempt,
				numRows: batch.rows.length,
				effects: [],
				error: reason
			});
			return {
				batchId: batch.batchId,
				status: 'failed',
				delivered: [],
				error: conditionError(
					'FOREACH_BATCH_USER_FUNCTION_ERROR',
					'39000',
					`An error occurred in the user provided function in foreach batch sink. Reason: ${reason}`
				)
			};
		}
		this.calls.push({ batchId: batch.batchId, attempt, numRows: batch.rows.length, effects });
		for (const e of effects) {
			if (e.kind === 'append') this.ledger.deliver(batch.batchId, e.rows, undefined, e.target);
			else this.ledger.overwrite(batch.batchId, e.rows, e.target);
		}
		return { batchId: batch.batchId, status: 'written', delivered: batch.rows.map((_, i) => i) };
	}

	/** The batch ids the function was called with, in call order (re-runs included). */
	calledBatchIds(): number[] {
		return this.calls.map((c) => c.batchId);
	}
}
