/**
 * "Compare": the same input run under two settings, and the sink rows that differ. Each side's
 * sink receives, per micro-batch, the rows its outputMode allows (SPARK-SEMANTICS R4: append
 * emits a window once the watermark passes its end, update re-emits what changed, complete emits
 * everything); the diff is a multiset difference per trigger tick, because a DataStreamWriter
 * sink may receive the same row twice in one batch and Spark counts both.
 * Batches are paired by the trigger tick they started at, not by batchId: a no-data batch
 * (R1.4, run only because the watermark moved) exists in one setting and not the other, so
 * batchIds drift apart while the processingTime ticks stay aligned.
 */

/** What Compare reads of a run: per batch, the rows its sink received (any kind can say; an
 *  event-time run is one as it is). */
export interface SinkBatch {
	readonly batchId: number;
	/** Processing time of the trigger tick the batch started at (batches pair on it). */
	readonly startMs: number;
	/** When its rows reach the sink. */
	readonly endMs: number;
	readonly output: readonly (readonly unknown[])[];
}

export interface SinkRun {
	readonly outputColumns: readonly string[];
	readonly batches: readonly SinkBatch[];
}

export interface BatchDiff {
	/** Processing time of the trigger tick both batches started at. */
	readonly startMs: number;
	readonly leftBatchId: number | null;
	readonly rightBatchId: number | null;
	/** Rows only the left sink received from this batch (each extra copy listed once). */
	readonly onlyLeft: readonly (readonly unknown[])[];
	readonly onlyRight: readonly (readonly unknown[])[];
}

export interface SinkDiff {
	/** Trigger ticks whose batches had finished on both sides by the cursor. */
	readonly compared: number;
	/** Only the ticks whose sink rows differ, in processing-time order. */
	readonly batches: readonly BatchDiff[];
	readonly onlyLeftRows: number;
	readonly onlyRightRows: number;
	/** The two programs produce different output schemas: rows are compared by column name. */
	readonly columnsDiffer: boolean;
	readonly leftColumns: readonly string[];
	readonly rightColumns: readonly string[];
}

/** A row's identity for the multiset: column name and value, so reordered schemas still match. */
function rowKey(columns: readonly string[], row: readonly unknown[]): string {
	const pairs = columns.map((c, i): [string, unknown] => [c, row[i] ?? null]);
	return JSON.stringify(pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function counts(columns: readonly string[], rows: readonly (readonly unknown[])[]) {
	const m = new Map<string, { row: readonly unknown[]; n: number }>();
	for (const row of rows) {
		const k = rowKey(columns, row);
		const e = m.get(k);
		if (e) e.n += 1;
		else m.set(k, { row, n: 1 });
	}
	return m;
}

/** Rows of `a` not matched by a row of `b`, multiplicities included, in `a`'s order. */
function minus(a: ReturnType<typeof counts>, b: ReturnType<typeof counts>): (readonly unknown[])[] {
	const out: (readonly unknown[])[] = [];
	for (const [k, { row, n }] of a) {
		const extra = n - (b.get(k)?.n ?? 0);
		for (let i = 0; i < extra; i++) out.push(row);
	}
	return out;
}

function byTick(batches: readonly SinkBatch[]): Map<number, SinkBatch> {
	const m = new Map<number, SinkBatch>();
	for (const b of batches) m.set(b.startMs, b);
	return m;
}

/**
 * The sink rows that differ between two runs of the same input, for every trigger tick whose
 * batches have finished on both sides by processing time `t` (a batch's output reaches the sink
 * when it ends, as in `frameAt`). A tick with a batch on only one side compares against nothing.
 */
export function diffSinks(left: SinkRun, right: SinkRun, t: number): SinkDiff {
	const l = byTick(left.batches);
	const r = byTick(right.batches);
	const ticks = [...new Set([...l.keys(), ...r.keys()])].sort((a, b) => a - b);
	const batches: BatchDiff[] = [];
	let compared = 0;
	let onlyLeftRows = 0;
	let onlyRightRows = 0;
	for (const tick of ticks) {
		const lb = l.get(tick) ?? null;
		const rb = r.get(tick) ?? null;
		// Both sides' sinks must have the tick's rows: else the diff flickers while one runs.
		if ((lb && lb.endMs > t) || (rb && rb.endMs > t)) continue;
		compared += 1;
		const lc = counts(left.outputColumns, lb?.output ?? []);
		const rc = counts(right.outputColumns, rb?.output ?? []);
		const onlyLeft = minus(lc, rc);
		const onlyRight = minus(rc, lc);
		if (onlyLeft.length === 0 && onlyRight.length === 0) continue;
		onlyLeftRows += onlyLeft.length;
		onlyRightRows += onlyRight.length;
		batches.push({
			startMs: tick,
			leftBatchId: lb?.batchId ?? null,
			rightBatchId: rb?.batchId ?? null,
			onlyLeft,
			onlyRight
		});
	}
	const columnsDiffer =
		left.outputColumns.length !== right.outputColumns.length ||
		left.outputColumns.some((c, i) => right.outputColumns[i] !== c);
	return {
		compared,
		batches,
		onlyLeftRows,
		onlyRightRows,
		columnsDiffer,
		leftColumns: left.outputColumns,
		rightColumns: right.outputColumns
	};
}
