/**
 * The delivery ledger: for each output row, how many times a sink made it visible to a reader
 * (a memory-table row, a row in a committed file, a Kafka record, a row a user function wrote).
 * A replay that a sink skips leaves the count at 1; one that writes again makes it 2: the
 * difference between exactly-once and at-least-once as a number.
 *
 * A row's identity is (target, batch id, its value, which occurrence of that value in the batch):
 * a deterministic re-run of a batch produces the same rows, so the identity survives the replay
 * even when the rows arrive in a different task split. The target is '' for a sink that writes
 * one place; a foreachBatch function writing one batch to a topic and to a table delivers each
 * row once to each, which is two targets, not a duplicate.
 */
import type { SinkRow } from './contract';

export interface LedgerEntry {
	/** Where the row went ('' for a sink with one target). */
	readonly target: string;
	readonly batchId: number;
	readonly row: SinkRow;
	/** 0 for the first row with this value in the batch, 1 for the second… */
	readonly occurrence: number;
	readonly writes: number;
}

interface MutableEntry {
	target: string;
	batchId: number;
	row: SinkRow;
	occurrence: number;
	writes: number;
	order: number;
}

const keyOf = (target: string, batchId: number, row: SinkRow, occurrence: number): string =>
	`${target}|${batchId}|${JSON.stringify(row)}|${occurrence}`;

/** For each row, which occurrence of its value it is among `rows`. */
function occurrences(rows: readonly SinkRow[]): number[] {
	const seen = new Map<string, number>();
	return rows.map((r) => {
		const k = JSON.stringify(r);
		const n = seen.get(k) ?? 0;
		seen.set(k, n + 1);
		return n;
	});
}

export class DeliveryLedger {
	private readonly entries = new Map<string, MutableEntry>();
	private nextOrder = 0;

	/** One more delivery of `rows[i]` for each i in `indices` (all rows when omitted), to
	 *  `target`. */
	deliver(
		batchId: number,
		rows: readonly SinkRow[],
		indices?: readonly number[],
		target = ''
	): void {
		const occ = occurrences(rows);
		for (const i of indices ?? rows.map((_, j) => j)) {
			const row = rows[i];
			if (row === undefined) continue;
			const o = occ[i] ?? 0;
			const k = keyOf(target, batchId, row, o);
			const e = this.entries.get(k);
			if (e) e.writes += 1;
			else
				this.entries.set(k, {
					target,
					batchId,
					row,
					occurrence: o,
					writes: 1,
					order: this.nextOrder++
				});
		}
	}

	/** An overwrite keyed by batch id (e.g. a foreachBatch function that replaces its output for
	 *  `batch_id`): the batch's rows in `target` become exactly these, each delivered once; what
	 *  the batch delivered to other targets stays. */
	overwrite(batchId: number, rows: readonly SinkRow[], target = ''): void {
		for (const [k, e] of this.entries)
			if (e.batchId === batchId && e.target === target) this.entries.delete(k);
		this.deliver(batchId, rows, undefined, target);
	}

	/** Forget a batch's rows (e.g. a complete-mode memory table that replaced them). */
	drop(batchId: number): void {
		for (const [k, e] of this.entries) if (e.batchId === batchId) this.entries.delete(k);
	}

	clear(): void {
		this.entries.clear();
	}

	/** How many times this row (its `occurrence`-th copy in the batch) was delivered to `target`. */
	writes(batchId: number, row: SinkRow, occurrence = 0, target = ''): number {
		return this.entries.get(keyOf(target, batchId, row, occurrence))?.writes ?? 0;
	}

	/** Every entry, in first-delivery order. */
	all(): LedgerEntry[] {
		return [...this.entries.values()]
			.sort((a, b) => a.order - b.order)
			.map(({ target, batchId, row, occurrence, writes }) => ({
				target,
				batchId,
				row,
				occurrence,
				writes
			}));
	}

	/** The targets rows were delivered to, in the order each first received one. */
	targets(): string[] {
		return [...new Set(this.all().map((e) => e.target))];
	}

	batch(batchId: number): LedgerEntry[] {
		return this.all().filter((e) => e.batchId === batchId);
	}

	/** Rows delivered more than once. */
	duplicates(): LedgerEntry[] {
		return this.all().filter((e) => e.writes > 1);
	}

	/** Distinct rows, total deliveries, and the deliveries beyond the first (the duplicates): of
	 *  every target, or of one. */
	totals(target?: string): {
		readonly rows: number;
		readonly writes: number;
		readonly extraWrites: number;
	} {
		let rows = 0;
		let writes = 0;
		for (const e of this.entries.values())
			if (target === undefined || e.target === target) {
				rows += 1;
				writes += e.writes;
			}
		return { rows, writes, extraWrites: writes - rows };
	}
}
