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
 *   - `arrow` (`@udf(..., useArrow=True)`): ArrowEvalPythonExec moves the rows in Arrow batches,
 *     but the function is still called once per row at Python speed;
 *   - `pandas` (`@pandas_udf`, Arrow): ArrowEvalPythonExec ships Arrow record batches of at most
 *     `spark.sql.execution.arrow.maxRecordsPerBatch` (10,000) rows and calls the function once
 *     per batch on whole columns, so it pays per batch plus a small vectorised per-row cost.
 *
 * The default numbers are illustrative (Spark does not fix them); every one is a parameter the
 * page shows. Durations are whole milliseconds so Gantt bars and hand computations agree.
 */

export type UdfKind = 'builtin' | 'python' | 'arrow' | 'pandas';

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
	/** Of pythonPerRowMs, the function's own Python work (the rest is pickling both ways);
	 *  absent = all of it counts as crossing. Only splits the bar (taskParts). */
	readonly pythonWorkPerRowMs?: number;
	/** Arrow-optimized udf (useArrow=True), per row (ms): the same row-at-a-time Python call,
	 *  rows moved in Arrow batches (arrowBatchOverheadMs each). Absent = pythonWorkPerRowMs. */
	readonly arrowPerRowMs?: number;
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
		case 'arrow':
		case 'pandas': {
			const parts = udfParts(rows, cost);
			return parts.transferMs + parts.pythonMs;
		}
	}
}

const arrowBatches = (rows: number, cost: TaskCost): number =>
	Math.ceil(rows / Math.max(1, cost.arrowMaxRecordsPerBatch));

/** The UDF's share split into moving the rows to and from Python (pickling per row, or one
 *  Arrow batch at a time) and the Python work itself (ms, unrounded). */
export function udfParts(
	rows: number,
	cost: TaskCost
): { readonly transferMs: number; readonly pythonMs: number } {
	if (rows <= 0) return { transferMs: 0, pythonMs: 0 };
	const work = Math.min(cost.pythonWorkPerRowMs ?? 0, cost.pythonPerRowMs);
	switch (cost.udf) {
		case 'builtin':
			return { transferMs: 0, pythonMs: 0 };
		case 'python':
			return { transferMs: rows * (cost.pythonPerRowMs - work), pythonMs: rows * work };
		case 'arrow':
			return {
				transferMs: arrowBatches(rows, cost) * cost.arrowBatchOverheadMs,
				pythonMs: rows * (cost.arrowPerRowMs ?? work)
			};
		case 'pandas':
			return {
				transferMs: arrowBatches(rows, cost) * cost.arrowBatchOverheadMs,
				pythonMs: rows * cost.pandasPerRowMs
			};
	}
}

/** One task's time by where it goes: JVM (the task's overhead and the built-in expressions),
 *  serialization + transfer to Python workers, Python (ms, unrounded). */
export function taskParts(
	rows: number,
	cost: TaskCost
): { readonly jvmMs: number; readonly transferMs: number; readonly pythonMs: number } {
	const n = Math.max(0, rows);
	return { jvmMs: cost.taskOverheadMs + n * cost.perRowMs, ...udfParts(n, cost) };
}

/**
 * The most rows per second `cores` cores can take with this cost, with tasks of full Arrow
 * batches and no per-task or per-trigger overheads: the ceiling a steady input must stay
 * under (rows/s).
 */
export function ceilingRowsPerSecond(cost: TaskCost, cores: number): number {
	const rows = Math.max(1, cost.arrowMaxRecordsPerBatch) * 10;
	const perRowMs = (rows * cost.perRowMs + udfMs(rows, cost)) / rows;
	return perRowMs <= 0 ? Infinity : (cores * 1000) / perRowMs;
}

/** Whole-millisecond duration of one task over `rows` rows (at least 1 ms). */
export function taskMs(rows: number, cost: TaskCost): number {
	const n = Math.max(0, rows);
	return Math.max(1, Math.round(cost.taskOverheadMs + n * cost.perRowMs + udfMs(n, cost)));
}
