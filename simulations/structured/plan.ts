/**
 * The logical plan of one streaming query: what the PySpark reader builds from a program and the
 * micro-batch executor runs. Node names follow Catalyst's logical operators (Project, Filter,
 * EventTimeWatermark, Aggregate, Deduplicate, Join, Union, Sort) so analysis errors and the
 * UI can speak Spark's language. Every node keeps the program position that created it.
 */
import type { DataType, Expr, Pos, StructField } from './expr/ast';
import type { PyFunction, PyValue } from '../python/values';

export type OutputMode = 'append' | 'update' | 'complete';

export type JoinType =
	'inner' | 'left_outer' | 'right_outer' | 'full_outer' | 'left_semi' | 'left_anti' | 'cross';

export type Trigger =
	| { readonly kind: 'default' }
	| { readonly kind: 'processingTime'; readonly intervalMs: number }
	| { readonly kind: 'once' }
	| { readonly kind: 'availableNow' }
	| { readonly kind: 'continuous'; readonly intervalMs: number };

/** Where a source's rows come from: a DataFrame the page (or a conformance scenario) binds by
 *  name, or a `spark.readStream...load()` chain whose rows the simulation generates. */
export type SourceSpec =
	| { readonly kind: 'bound'; readonly name: string }
	| {
			readonly kind: 'readStream';
			readonly format: string;
			readonly options: Readonly<Record<string, string>>;
			readonly path?: string;
	  };

/** A static (batch) DataFrame: `spark.range`, `spark.createDataFrame`, `spark.read...`. Its rows
 *  are known at analysis time where the program spells them out. */
export interface StaticData {
	readonly rows: readonly (readonly unknown[])[];
}

export type Plan =
	| {
			readonly op: 'Source';
			readonly id: number;
			readonly source: SourceSpec;
			readonly schema: readonly StructField[];
			readonly streaming: boolean;
			readonly data?: StaticData;
			readonly at: Pos;
	  }
	| {
			readonly op: 'Project';
			readonly child: Plan;
			readonly exprs: readonly Expr[];
			readonly at: Pos;
	  }
	/** `withColumn(name, expr)` / `withColumns` / `withColumnRenamed` / `drop` lower to Project. */
	| { readonly op: 'Filter'; readonly child: Plan; readonly condition: Expr; readonly at: Pos }
	/** A generator in a projection (`explode`) becomes its own node, as Catalyst's Generate. */
	| {
			readonly op: 'Generate';
			readonly child: Plan;
			readonly generator: Expr;
			readonly outputName: string;
			/** The columns kept beside the generated one, in order. */
			readonly keep: readonly Expr[];
			readonly at: Pos;
	  }
	| {
			readonly op: 'EventTimeWatermark';
			readonly child: Plan;
			readonly column: string;
			readonly delayMs: number;
			readonly at: Pos;
	  }
	| {
			readonly op: 'Aggregate';
			readonly child: Plan;
			readonly groupBy: readonly Expr[];
			/** Output expressions: grouping columns and aggregate expressions, aliased. */
			readonly aggregates: readonly Expr[];
			readonly at: Pos;
	  }
	| {
			readonly op: 'Deduplicate';
			readonly child: Plan;
			/** Column names; empty means all columns. */
			readonly keys: readonly string[];
			readonly withinWatermark: boolean;
			readonly at: Pos;
	  }
	| {
			readonly op: 'Join';
			readonly left: Plan;
			readonly right: Plan;
			readonly joinType: JoinType;
			/** `on=[...]` column names (a USING join: one output column per name). */
			readonly using: readonly string[];
			readonly condition: Expr | null;
			readonly at: Pos;
	  }
	| { readonly op: 'Union'; readonly children: readonly Plan[]; readonly at: Pos }
	| {
			readonly op: 'Sort';
			readonly child: Plan;
			readonly orders: readonly { readonly expr: Expr; readonly ascending: boolean }[];
			readonly at: Pos;
	  }
	| { readonly op: 'Limit'; readonly child: Plan; readonly n: number; readonly at: Pos }
	/** Arbitrary state running the user's Python per key: `applyInPandasWithState`
	 *  (FlatMapGroupsInPandasWithState) or `transformWithStateInPandas` / `transformWithState`
	 *  (TransformWithStateInPandas). Output = `outputSchema`. */
	| {
			readonly op: 'PythonState';
			readonly child: Plan;
			readonly groupBy: readonly Expr[];
			readonly api: 'applyInPandasWithState' | 'transformWithStateInPandas' | 'transformWithState';
			/** The user's function (applyInPandasWithState) or StatefulProcessor instance. */
			readonly udf: PyValue;
			readonly outputSchema: readonly StructField[];
			/** applyInPandasWithState's state schema (empty for a StatefulProcessor). */
			readonly stateSchema: readonly StructField[];
			/** The function's output mode (not the query's). */
			readonly funcOutputMode: 'append' | 'update';
			/** applyInPandasWithState's timeoutConf, or the processor's timeMode as one. */
			readonly timeout: 'NoTimeout' | 'ProcessingTimeTimeout' | 'EventTimeTimeout';
			/** The program text, to locate a Python error raised at run time. */
			readonly src: string;
			readonly at: Pos;
	  }
	/** A DataFrame alias (`df.alias("l")`): qualifies its columns for join conditions. */
	| {
			readonly op: 'SubqueryAlias';
			readonly child: Plan;
			readonly alias: string;
			readonly at: Pos;
	  };

export type PlanOp = Plan['op'];

export interface WriteSpec {
	readonly outputMode: OutputMode;
	/** Whether the program said `outputMode(...)` (Spark's default is append). */
	readonly outputModeAt?: Pos;
	readonly trigger: Trigger;
	readonly triggerAt?: Pos;
	readonly format: string;
	readonly options: Readonly<Record<string, string>>;
	readonly queryName?: string;
	/** A `foreachBatch(fn)` sink: the function's name in the program, if any. */
	readonly foreachBatch?: string;
	/** ... and the function itself, for the interpreter to call with each batch (`fn(df, id)`). */
	readonly foreachBatchFn?: PyFunction;
	readonly at: Pos;
}

/** A PySpark call as written, in full: `at` is where its name starts (the position the plan's
 *  constructs keep: `withWatermark`, `outputMode`, `F.window`, `load`), `start`/`end` the whole
 *  call expression with its receiver chain (`spark.readStream ... .load(...)`) up to and
 *  including its closing parenthesis, as 1-based positions (`end` is just past the `)`) and as
 *  offsets into the program. The reader records one per call it reads, so a view that
 *  highlights a construct looks its extent up instead of matching parentheses. */
export interface CallSpan {
	readonly name: string;
	readonly at: Pos;
	readonly start: Pos;
	readonly end: Pos;
	readonly from: number;
	readonly to: number;
}

/** A program's one streaming query: the plan under `.writeStream`, the sink chain, and the
 *  session configuration the program set (`spark.conf.set`, `.config(k, v)`). */
export interface Query {
	readonly plan: Plan;
	readonly write: WriteSpec;
	readonly conf: Readonly<Record<string, string>>;
	/** Every PySpark call the reader read, in the order it ran (absent for hand-built plans). */
	readonly spans?: readonly CallSpan[];
	/** How many queries the program starts (read with `ProgramEnv.query`; else 1). */
	readonly queryCount?: number;
}

/** The call whose name is written at `at`, if the reader read one there. */
export const spanAt = (spans: readonly CallSpan[] | undefined, at: Pos): CallSpan | undefined =>
	spans?.find((s) => s.at.line === at.line && s.at.column === at.column);

export type { DataType, Expr, Pos, StructField };
