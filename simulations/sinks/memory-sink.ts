/**
 * The memory sink (sql/core/.../streaming/sources/memory.scala `MemorySink`, Spark 4.1), the
 * table `format("memory").queryName(q)` registers as a temp view:
 * - each task's MemoryDataWriter keeps its rows; the driver's MemoryStreamingWrite.commit
 *   concatenates the messages (task order) and calls `write(batchId, needTruncate, rows)`;
 *   a failed job is aborted and adds nothing;
 * - `write` adds the batch only when `latestBatchId` is empty or `batchId > latestBatchId`,
 *   else logs "Skipping already committed batch: N": a re-run batch is not added twice;
 * - complete mode builds the write with `truncate()`: the table is cleared, then holds this
 *   batch only; append and update (SupportsStreamingUpdateAsAppend) append;
 * - `clear()` forgets every batch, including the ids the skip check uses.
 * The table lives in the driver's memory: the programming guide lists the sink as not
 * fault-tolerant (a restarted driver starts empty; in complete mode the next batch rebuilds it).
 */
import {
	tasksBeforeFault,
	tasksOf,
	type SinkBatch,
	type SinkRow,
	type SinkWriteOutcome,
	type StreamingSink
} from './contract';
import { DeliveryLedger } from './ledger';

interface AddedData {
	readonly batchId: number;
	readonly rows: readonly SinkRow[];
}

export class MemorySink implements StreamingSink {
	readonly kind = 'memory' as const;
	readonly description = 'MemorySink';
	readonly guarantee = 'not fault-tolerant' as const;
	readonly ledger = new DeliveryLedger();
	private batches: AddedData[] = [];

	get latestBatchId(): number | null {
		return this.batches[this.batches.length - 1]?.batchId ?? null;
	}

	/** What `spark.table(queryName)` returns: every stored batch's rows, in batch order. */
	allData(): SinkRow[] {
		return this.batches.flatMap((b) => b.rows);
	}

	latestBatchData(): SinkRow[] {
		return [...(this.batches[this.batches.length - 1]?.rows ?? [])];
	}

	/** Rows of the stored batches with an id above `sinceBatchId` (StreamTest's CheckNewAnswer). */
	dataSinceBatch(sinceBatchId: number): SinkRow[] {
		return this.batches.filter((b) => b.batchId > sinceBatchId).flatMap((b) => b.rows);
	}

	storedBatchIds(): number[] {
		return this.batches.map((b) => b.batchId);
	}

	addBatch(batch: SinkBatch): SinkWriteOutcome {
		const tasks = tasksOf(batch);
		if (tasksBeforeFault(batch, tasks.length) < tasks.length)
			return {
				batchId: batch.batchId,
				status: 'failed',
				delivered: [],
				note: 'Writing job aborted'
			};
		const order = tasks.flat();
		const latest = this.latestBatchId;
		if (latest !== null && batch.batchId <= latest)
			return {
				batchId: batch.batchId,
				status: 'skipped',
				delivered: [],
				note: `Skipping already committed batch: ${batch.batchId}`
			};
		const rows = order.map((i) => batch.rows[i] ?? []);
		if (batch.outputMode === 'complete') {
			for (const b of this.batches) this.ledger.drop(b.batchId);
			this.batches = [];
		}
		this.batches.push({ batchId: batch.batchId, rows });
		this.ledger.deliver(batch.batchId, batch.rows, order);
		return { batchId: batch.batchId, status: 'written', delivered: order };
	}

	/** MemorySink.clear(), FORMAT-ADDITIONS' `clearSink`. */
	clear(): void {
		this.batches = [];
		this.ledger.clear();
	}
}
