/**
 * What a foreachBatch function's `batch_df.write...` writes, kept per path as a table store
 * would: `append` adds the rows, `overwrite` replaces the path's rows, `ignore` writes only to a
 * new path, `errorifexists` (DataFrameWriter's default) fails on a path that exists with Spark's
 * PATH_ALREADY_EXISTS. Each call's writes become the sink's effects, so the ForeachBatchSink's
 * ledger counts every delivery: an append of a re-run batch counts its rows twice, an overwrite
 * of the batch's own path once. (An overwrite of a path that holds other batches' rows is
 * recorded as replacing this batch's rows only: the pages keep one path per batch id.)
 * Each effect names its target (targetOf), so a function writing one batch to two places has
 * each place's deliveries counted apart. A Kafka write (format kafka, the path is the topic)
 * appends whatever its mode: Spark accepts only append and errorifexists there, and a topic
 * is never "already there" in the errorifexists sense.
 */
import type { ForeachBatchEffect } from '../../sinks/foreach-batch-sink';
import type { BatchWrite } from '../../structured/reader/batch-writer';
import type { Row } from '../../structured/runtime/context';

/** Where a write lands, as a reader of the output names it: a Kafka topic, or the table a file
 *  write belongs to (a Hive-style `key=value` folder at the end of the path is one partition of
 *  the table above it: `…/out/batch_id=3` is table `…/out`). */
export function targetOf(w: Pick<BatchWrite, 'format' | 'path'>): string {
	if (w.format.toLowerCase() === 'kafka') return `Kafka topic ${w.path}`;
	const table = w.path.replace(/(\/[^/=]+=[^/]*)+\/?$/, '');
	return `${w.format} ${table === '' ? w.path : table}`;
}

export class BatchTarget {
	private readonly paths = new Map<string, Row[]>();
	effects: ForeachBatchEffect[] = [];
	/** This call's writes: where, how, and the rows (what the output folder shows). */
	writes: { path: string; mode: string; rows: readonly Row[] }[] = [];

	/** Before each call of the function. */
	reset(): void {
		this.effects = [];
		this.writes = [];
	}

	constructor(private readonly rowsOf: (w: BatchWrite) => Row[]) {}

	write(w: BatchWrite): void {
		const kafka = w.format.toLowerCase() === 'kafka';
		const exists = !kafka && this.paths.has(w.path);
		if (w.mode === 'errorifexists' && exists)
			throw new Error(
				`[PATH_ALREADY_EXISTS] Path file:${w.path} already exists. Set mode as "overwrite" to overwrite the existing path. SQLSTATE: 42K04`
			);
		if (w.mode === 'ignore' && exists) return;
		const rows = this.rowsOf(w);
		this.writes.push({ path: w.path, mode: w.mode, rows });
		const target = targetOf(w);
		if (w.mode === 'overwrite' && !kafka) {
			this.paths.set(w.path, [...rows]);
			this.effects.push({ kind: 'overwrite', rows, target });
		} else {
			this.paths.set(w.path, [...(this.paths.get(w.path) ?? []), ...rows]);
			this.effects.push({ kind: 'append', rows, target });
		}
	}

	/** Paths written so far, with their row counts (what a reader of the output finds). */
	listing(): { path: string; rows: number }[] {
		return [...this.paths].map(([path, rows]) => ({ path, rows: rows.length }));
	}
}
