/**
 * The values a PySpark program manipulates, as far as the reader follows it: Python constants,
 * Columns (Catalyst expressions), DataFrames (logical plans), GroupedData, the DataStreamReader
 * and DataStreamWriter builders, and the pyspark modules they come from. Anything else is not
 * modelled and is reported where it appears.
 */
import type { BatchWriteTarget, SaveMode } from './batch-writer';
import type { DataType, Expr, Pos, StructField } from '../expr/ast';
import type { Plan, Query, WriteSpec } from '../plan';
import type { PyFunction } from '../../python/values';
import type { UdfDecorator, UdfEvalType } from './udf-forms';

export type PyValue =
	| { readonly t: 'none' }
	| { readonly t: 'bool'; readonly v: boolean }
	| { readonly t: 'num'; readonly v: number; readonly int: boolean }
	| { readonly t: 'str'; readonly v: string }
	| { readonly t: 'list'; readonly items: readonly PyValue[] }
	| { readonly t: 'dict'; readonly entries: readonly (readonly [PyValue, PyValue])[] }
	/** A module or namespace: `F`, `pyspark.sql.types`, `SparkSession`, `spark`, `spark.conf`. */
	| { readonly t: 'module'; readonly name: ModuleName }
	/** A function imported by name: `from pyspark.sql.functions import col` → fn 'col' of F. */
	| { readonly t: 'fn'; readonly module: ModuleName; readonly name: string }
	| { readonly t: 'column'; readonly expr: Expr }
	| { readonly t: 'df'; readonly plan: Plan }
	| {
			readonly t: 'grouped';
			readonly plan: Plan;
			readonly groupBy: readonly Expr[];
			readonly at: Pos;
	  }
	| {
			readonly t: 'readStream';
			readonly format: string;
			readonly options: Readonly<Record<string, string>>;
			readonly schema: readonly StructField[] | null;
			readonly streaming: boolean;
	  }
	| { readonly t: 'writer'; readonly plan: Plan; readonly spec: WriteSpec }
	/** `batch_df.write`: a DataFrameWriter of a batch DataFrame (batch-writer.ts). */
	| {
			readonly t: 'batchWriter';
			readonly plan: Plan;
			readonly mode: SaveMode;
			readonly format: string;
			/** `.option(...)`s set so far (the Kafka writer's topic). */
			readonly options?: Readonly<Record<string, string>>;
			readonly target: BatchWriteTarget | undefined;
	  }
	/** `handle`: the live host's query (state.live), when one runs it. */
	| { readonly t: 'query'; readonly query: Query; readonly handle?: number }
	| { readonly t: 'builder' }
	| { readonly t: 'dtype'; readonly type: DataType }
	| { readonly t: 'field'; readonly field: StructField }
	/** A Python function: a `def` or `lambda` of the program (run by the interpreter). */
	| { readonly t: 'def'; readonly name: string; readonly py?: PyFunction }
	/** `F.udf(f, returnType)`: calling it on Columns builds a per-row Python call. */
	| {
			readonly t: 'udf';
			readonly name: string;
			readonly returnType: DataType;
			readonly py: PyFunction;
			/** udf (python), udf(..., useArrow=True) (arrow), pandas_udf (pandas); absent = python. */
			readonly evalType?: UdfEvalType;
			readonly deterministic?: boolean;
	  }
	/** `udf(returnType=...)` / `pandas_udf(DoubleType())` without a function: the decorator. */
	| UdfDecorator
	/** Any other Python object (a class, an instance, a builtin), carried but not modelled. */
	| { readonly t: 'py'; readonly value: unknown; readonly type: string };

export type ModuleName =
	'F' | 'types' | 'SparkSession' | 'spark' | 'conf' | 'pyspark' | 'sql' | 'streams';

export const NONE: PyValue = { t: 'none' };

export const describe = (v: PyValue): string => {
	switch (v.t) {
		case 'none':
			return 'None';
		case 'bool':
			return 'bool';
		case 'num':
			return v.int ? 'int' : 'float';
		case 'str':
			return 'str';
		case 'list':
			return 'list';
		case 'dict':
			return 'dict';
		case 'module':
			return `module ${v.name}`;
		case 'fn':
			return `function ${v.name}`;
		case 'column':
			return 'Column';
		case 'df':
			return 'DataFrame';
		case 'grouped':
			return 'GroupedData';
		case 'readStream':
			return 'DataStreamReader';
		case 'writer':
			return 'DataStreamWriter';
		case 'batchWriter':
			return 'DataFrameWriter';
		case 'query':
			return 'StreamingQuery';
		case 'builder':
			return 'SparkSession.Builder';
		case 'dtype':
			return 'DataType';
		case 'field':
			return 'StructField';
		case 'def':
			return `function ${v.name}`;
		case 'py':
			return v.type;
		case 'udf':
			return `function ${v.name}`;
		case 'udfDecorator':
			return 'functools.partial';
	}
};
