/**
 * How long one task takes, from counts (QUESTIONS.md EXEC; SPARK-SEMANTICS §9). Spark measures
 * this; the simulator needs a stand-in that scales the way Spark does:
 *
 * - a fixed overhead per task (launch, deserialising the closure, the Spark UI's "Scheduler Delay"
 *   and "Task Deserialization Time"; for a stateful task also loading and committing its state
 *   store version), paid even by a task with no rows. That is why 200 shuffle partitions cost
 *   a small batch more than the rows do;
 * - a per-row cost of the built-in (JVM, whole-stage-codegen) expressions;
 * - a UDF's cost by kind:
 *   - `builtin`: nothing extra, it is JVM code;
 *   - `python` (`@udf`, row at a time): BatchEvalPythonExec pickles rows to a Python worker and
 *     calls the function once per row, so the cost grows with rows at Python speed;
 *   - `pandas` (`@pandas_udf`, Arrow): ArrowEvalPythonExec ships Arrow record batches of at most
 *     `spark.sql.execution.arrow.maxRecordsPerBatch` (10,000) rows and calls the function once
 *     per batch on whole columns, so it pays per batch plus a small vectorised per-row cost.
 *
 * The default numbers are illustrative (Spark does not fix them); every one is a parameter the
 * page shows. Durations are whole milliseconds so Gantt bars and hand computations agree.
 */

export type UdfKind = 'builtin' | 'python' | 'pandas';

export interface TaskCost {
	readonly taskOverheadMs: number;
	/** Built-in expressions, per row (ms). */
	readonly perRowMs: number;
	readonly udf: UdfKind;
	/** Row-at-a-time Python UDF, per row (ms): pickling both ways plus the interpreter call. */
	readonly pythonPerRowMs: number;
	/** pandas UDF, per Arrow batch (ms): building the batch and one call of the function. */
	readonly arrowBatchOverheadMs: number;
	/** pandas UDF, per row inside a batch (ms): vectorised work. */
	readonly pandasPerRowMs: number;
	/** spark.sql.execution.arrow.maxRecordsPerBatch (SQLConf default 10000). */
	readonly arrowMaxRecordsPerBatch: number;
}

export const ARROW_MAX_RECORDS_PER_BATCH = 10_000;

export const DEFAULT_TASK_COST: TaskCost = {
	taskOverheadMs: 10,
	perRowMs: 0.002,
	udf: 'builtin',
	pythonPerRowMs: 0.02,
	arrowBatchOverheadMs: 4,
	pandasPerRowMs: 0.001,
	arrowMaxRecordsPerBatch: ARROW_MAX_RECORDS_PER_BATCH
};

/** The UDF's share of a task that reads `rows` rows (ms, unrounded). */
export function udfMs(rows: number, cost: TaskCost): number {
	if (rows <= 0) return 0;
	switch (cost.udf) {
		case 'builtin':
			return 0;
		case 'python':
			return rows * cost.pythonPerRowMs;
		case 'pandas': {
			const batches = Math.ceil(rows / Math.max(1, cost.arrowMaxRecordsPerBatch));
			return batches * cost.arrowBatchOverheadMs + rows * cost.pandasPerRowMs;
		}
	}
}

/** Whole-millisecond duration of one task over `rows` rows (at least 1 ms). */
export function taskMs(rows: number, cost: TaskCost): number {
	const n = Math.max(0, rows);
	return Math.max(1, Math.round(cost.taskOverheadMs + n * cost.perRowMs + udfMs(n, cost)));
}
