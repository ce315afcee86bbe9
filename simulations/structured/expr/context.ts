/**
 * What every piece of the expression compiler shares: the Compiled evaluator (a closure indexing
 * rows by position, names resolved once at compile time), the recursive compile function, and
 * Spark's analysis-error wording for type mismatches (DATATYPE_MISMATCH.*, CheckAnalysis).
 */
import { err, type Result } from '../../core/errors';
import type { DataType, Expr, Pos, Value } from './ast';

export interface Compiled {
	readonly type: DataType;
	/** The column name Spark gives the expression (its alias, or the pretty SQL). */
	readonly name: string;
	readonly nullable: boolean;
	/** Evaluates one row (positional, matching the schema it was compiled against). May throw
	 *  ExprRuntimeError where Spark fails a task in ANSI mode (division by zero, bad cast). */
	eval(row: readonly Value[]): Value;
	/** A pandas UDF evaluates a whole batch at once: the operator hands it the batch's rows
	 *  before it asks for them one by one (projection.ts of the runtime calls it). */
	prepare?(rows: readonly (readonly Value[])[]): void;
}

export type Eval = (row: readonly Value[]) => Value;

/** Compiles a child expression; `at` is the nearest position known for error messages. */
export type CompileFn = (e: Expr, at: Pos) => Result<Compiled>;

export const NO_POS: Pos = { line: 1, column: 1 };

export function errAt(at: Pos, message: string): Result<never> {
	return err({ line: at.line, column: at.column, message });
}

export function compiled(type: DataType, name: string, nullable: boolean, fn: Eval): Compiled {
	return { type, name, nullable, eval: fn };
}

/** `[DATATYPE_MISMATCH.<sub>] Cannot resolve "<sql>" due to data type mismatch: <detail>` */
export function typeMismatch(at: Pos, sub: string, sql: string, detail: string): Result<never> {
	const head = `[DATATYPE_MISMATCH.${sub}] Cannot resolve "${sql}"`;
	return errAt(at, `${head} due to data type mismatch: ${detail}`);
}

export const constant =
	(v: Value): Eval =>
	() =>
		v;
