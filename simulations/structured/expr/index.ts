/**
 * The expression layer of the Structured Streaming engine: Spark SQL text → Expr, Expr → a
 * compiled per-row evaluator, Spark's auto-generated column names, interval strings and the
 * aggregate functions' state machines. Semantics follow Spark SQL with ANSI mode on (Spark 4's
 * default, spark.sql.ansi.enabled=true); see SPARK-SEMANTICS.md §3 and §10.
 */
export type { Compiled } from './compile';
export { compileExpr } from './compile';
export { parseSqlExpr } from './sql-parser';
export { parseCalendarInterval, parseDurationUs, type CalendarInterval } from './duration';
export { parseDataType, sqlTypeName, WINDOW_TYPE } from './types';
export { outputName } from './names';
export type { AggState, AggregateImpl } from './aggregates';
export { aggregateFunction } from './aggregates';
export {
	compileAggregate,
	findAggregates,
	type AggExpr,
	type CompiledAggregate
} from './aggregate-expr';
export { aggregateByName } from './agg-names';
export { windowsFor, type WindowRange } from './windows';
export { GENERATORS } from './fn-collections';
export { ExprRuntimeError } from './runtime-error';
export { compareValues, valueKey, valuesEqual } from './compare';
export { formatTimestamp, valueToString } from './format';
