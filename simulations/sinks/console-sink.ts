/**
 * The console sink (sql/core/.../streaming/sinks/console.scala `ConsoleTable`,
 * sources/ConsoleWrite.scala): on the driver's `StreamingWrite.commit(epochId, …)` it prints
 *   -------------------------------------------
 *   Batch: <epochId>
 *   -------------------------------------------
 * then `show(numRows, truncate)` of the batch's rows (println adds a blank line after the table).
 * Options `numRows` (default 20, Integer.parseInt) and `truncate` (default true; true → 20
 * characters, false → 0). Every mode is accepted (truncate is a no-op). There is no batch-id
 * check: a replayed batch is printed again, so the console is not fault-tolerant.
 */
import {
	tasksBeforeFault,
	tasksOf,
	type SinkBatch,
	type SinkField,
	type SinkWriteOutcome,
	type StreamingSink
} from './contract';
import { SinkError, legacyError } from './errors';
import { DeliveryLedger } from './ledger';
import { option } from './output-modes';
import { showString } from './show-string';

const DASHES = '-------------------------------------------';

export interface ConsoleOptions {
	readonly numRows: number;
	readonly truncate: boolean;
}

/** CaseInsensitiveStringMap.getInt / getBoolean with ConsoleWrite's defaults. */
export function parseConsoleOptions(
	options: Readonly<Record<string, string>>
): { ok: true; value: ConsoleOptions } | { ok: false; error: SinkError } {
	const rawRows = option(options, 'numRows');
	const rawTruncate = option(options, 'truncate');
	let numRows = 20;
	if (rawRows !== undefined) {
		if (!/^[+-]?\d+$/.test(rawRows) || Math.abs(Number(rawRows)) > 2147483647)
			return { ok: false, error: legacyError(`For input string: "${rawRows}"`) };
		numRows = Number(rawRows);
	}
	let truncate = true;
	if (rawTruncate !== undefined) {
		const t = rawTruncate.toLowerCase();
		if (t !== 'true' && t !== 'false')
			return { ok: false, error: legacyError(`${rawTruncate} is not a boolean string.`) };
		truncate = t === 'true';
	}
	return { ok: true, value: { numRows, truncate } };
}

/** What one commit prints. */
export function consoleBatchText(
	batchId: number,
	schema: readonly SinkField[],
	rows: SinkBatch['rows'],
	o: ConsoleOptions
): string {
	return `${DASHES}\nBatch: ${batchId}\n${DASHES}\n${showString(schema, rows, o.numRows, o.truncate ? 20 : 0)}\n`;
}

export class ConsoleSink implements StreamingSink {
	readonly kind = 'console' as const;
	readonly guarantee = 'not fault-tolerant' as const;
	readonly ledger = new DeliveryLedger();
	/** Everything printed so far, one entry per commit. */
	readonly printed: { readonly batchId: number; readonly text: string }[] = [];

	constructor(
		private readonly schema: readonly SinkField[],
		private readonly options: ConsoleOptions = { numRows: 20, truncate: true }
	) {}

	/** The progress' sink description is the table's toString (Scala's object toString, whose
	 *  `@<hash>` suffix is left out: it differs on every JVM). */
	readonly description = 'org.apache.spark.sql.execution.streaming.ConsoleTable$';

	/** ConsoleWrite.toString. */
	get writer(): string {
		return `ConsoleWriter[numRows=${this.options.numRows}, truncate=${this.options.truncate}]`;
	}

	addBatch(batch: SinkBatch): SinkWriteOutcome {
		const tasks = tasksOf(batch);
		if (tasksBeforeFault(batch, tasks.length) < tasks.length) {
			// StreamingWrite.abort: nothing is printed for a batch whose job failed.
			return {
				batchId: batch.batchId,
				status: 'failed',
				delivered: [],
				note: 'Writing job aborted'
			};
		}
		// The driver prints the rows in task (commit message) order.
		const order = tasks.flat();
		const rows = order.map((i) => batch.rows[i] ?? []);
		this.printed.push({
			batchId: batch.batchId,
			text: consoleBatchText(batch.batchId, this.schema, rows, this.options)
		});
		// Only the rows show() prints reach the reader.
		const shown = order.slice(0, Math.max(0, this.options.numRows));
		this.ledger.deliver(batch.batchId, batch.rows, shown);
		return { batchId: batch.batchId, status: 'written', delivered: shown };
	}

	/** The whole console output, as the terminal shows it. */
	text(): string {
		return this.printed.map((p) => p.text).join('');
	}
}
