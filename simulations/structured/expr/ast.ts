/**
 * Column expressions of a Structured Streaming query, the shared language of the PySpark reader
 * (which builds them from `F.col(...)`, operators and `F.expr("...")` SQL text) and the executor
 * (which evaluates them per row). It mirrors Catalyst's expression tree at the granularity the
 * playground needs: Spark SQL names, Spark SQL semantics (three-valued logic, NULL propagation).
 *
 * Positions (`at`) point into the Python program so analysis errors can name a line and column.
 */

/** Spark SQL data types the engine models. Timestamps are microseconds since the epoch (UTC),
 *  as Spark stores them; intervals are microseconds. */
export type DataType =
	| { readonly kind: 'long' }
	| { readonly kind: 'int' }
	| { readonly kind: 'double' }
	| { readonly kind: 'string' }
	| { readonly kind: 'boolean' }
	| { readonly kind: 'timestamp' }
	| { readonly kind: 'interval' }
	/** Spark 4.0's VARIANT (parse_json): held as its canonical JSON text. */
	| { readonly kind: 'variant' }
	| { readonly kind: 'null' }
	| { readonly kind: 'array'; readonly element: DataType }
	| { readonly kind: 'struct'; readonly fields: readonly StructField[] };

export interface StructField {
	readonly name: string;
	readonly type: DataType;
	/** Catalyst attribute qualifiers: the DataFrames this column can be reached through
	 *  (`df.alias("l")` names, and `#<nodeId>` tags the analyzer adds so `df["x"]` resolves
	 *  to df's column after a join). A `col` Expr with a `qualifier` matches only fields whose
	 *  `qualifiers` contain it (case-insensitive). Absent = unqualified only. */
	readonly qualifiers?: readonly string[];
}

/** A runtime value. Structs are plain objects keyed by field name; arrays are arrays. */
export type Value =
	null | number | string | boolean | readonly Value[] | { readonly [field: string]: Value };

/** 1-based line and column in the program text. */
export interface Pos {
	readonly line: number;
	readonly column: number;
}

export type BinaryOp =
	'+' | '-' | '*' | '/' | '%' | '=' | '<=>' | '!=' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';

export type UnaryOp = 'NOT' | 'NEGATE' | 'IS_NULL' | 'IS_NOT_NULL';

export type AggregateFn =
	| 'count'
	| 'sum'
	| 'avg'
	| 'min'
	| 'max'
	| 'first'
	| 'last'
	| 'collect_list'
	| 'collect_set'
	| 'approx_count_distinct'
	| 'count_distinct'
	| 'stddev'
	| 'stddev_pop'
	| 'variance'
	| 'var_pop'
	| 'median';

export type Expr =
	/** A column by name; `qualifier` is the DataFrame alias or side it was taken from, if any. */
	| { readonly kind: 'col'; readonly name: string; readonly qualifier?: string; readonly at?: Pos }
	/** `*` (count(*), select("*")). */
	| { readonly kind: 'star'; readonly at?: Pos }
	| { readonly kind: 'lit'; readonly value: Value; readonly type: DataType; readonly at?: Pos }
	| { readonly kind: 'alias'; readonly expr: Expr; readonly name: string; readonly at?: Pos }
	| { readonly kind: 'cast'; readonly expr: Expr; readonly to: DataType; readonly at?: Pos }
	| {
			readonly kind: 'binary';
			readonly op: BinaryOp;
			readonly left: Expr;
			readonly right: Expr;
			readonly at?: Pos;
	  }
	| { readonly kind: 'unary'; readonly op: UnaryOp; readonly expr: Expr; readonly at?: Pos }
	| { readonly kind: 'in'; readonly expr: Expr; readonly list: readonly Expr[]; readonly at?: Pos }
	/** CASE WHEN / F.when(...).otherwise(...). */
	| {
			readonly kind: 'case';
			readonly branches: readonly (readonly [Expr, Expr])[];
			readonly otherwise: Expr | null;
			readonly at?: Pos;
	  }
	/** Struct field access: `window.start`, `F.col("window").getField("start")`. */
	| { readonly kind: 'field'; readonly expr: Expr; readonly field: string; readonly at?: Pos }
	/** A scalar function by its Spark SQL name, lower case: timestamp_seconds, split, array,
	 *  explode, window_time, coalesce, lower, concat, ... */
	| {
			readonly kind: 'call';
			readonly fn: string;
			readonly args: readonly Expr[];
			readonly at?: Pos;
			readonly udf?: PythonUdf;
	  }
	/** window(timeColumn, windowDuration, slideDuration, startTime); durations in microseconds. */
	| {
			readonly kind: 'window';
			readonly time: Expr;
			readonly durationUs: number;
			readonly slideUs: number;
			readonly startUs: number;
			readonly at?: Pos;
	  }
	/** session_window(timeColumn, gapDuration); the gap is a literal interval or an expression
	 *  evaluated per row (dynamic gap). */
	| { readonly kind: 'session_window'; readonly time: Expr; readonly gap: Expr; readonly at?: Pos }
	| {
			readonly kind: 'agg';
			readonly fn: AggregateFn;
			readonly args: readonly Expr[];
			readonly distinct: boolean;
			readonly at?: Pos;
			/** The function name as written when it is an alias Spark keeps in the column name
			 *  (`mean` for avg, `std`/`stddev_samp` for stddev, `var_samp` for variance). */
			readonly sqlName?: string;
	  };

/** A Python function registered with `F.udf` (`fn` is its Python name, as Spark names the
 *  column `name(args)`): the interpreter runs it once per row. `call` gets the argument values
 *  with their Spark types and returns a value of `returnType` (PySpark's conversion: a result
 *  of the wrong type is NULL); a Python exception fails the batch as an ExprRuntimeError. */
export interface PythonUdf {
	readonly returnType: DataType;
	readonly call: (args: readonly Value[], types: readonly DataType[]) => Value;
	/** Why arguments of these types cannot cross to Python, or null (checked at compile time). */
	readonly refuse?: (types: readonly DataType[]) => string | null;
	/** How PySpark runs it: `python` (pickled rows, BatchEvalPythonExec), `arrow` (udf(...,
	 *  useArrow=True): rows moved in Arrow batches, still one call per row) or `pandas`
	 *  (pandas_udf: one call per Arrow batch, ArrowEvalPythonExec). Absent = python. */
	readonly evalType?: 'python' | 'arrow' | 'pandas';
	/** False after asNondeterministic() (the optimizer then never duplicates or reorders it). */
	readonly deterministic?: boolean;
	/** A pandas UDF: one call per Arrow batch of at most `maxRecords` rows, on whole columns;
	 *  `call` returns one value per row of the batch. */
	readonly batch?: {
		readonly maxRecords: number;
		readonly call: (
			columns: readonly (readonly Value[])[],
			types: readonly DataType[]
		) => readonly Value[];
	};
}

export type ExprKind = Expr['kind'];

/** The output name Spark gives an expression that has no alias (as in the result's header). */
export type NameOf = (expr: Expr) => string;
