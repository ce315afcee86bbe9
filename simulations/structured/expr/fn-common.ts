/**
 * The shape of a scalar function in the registry (Spark's FunctionRegistry entry: a name, an
 * arity, a type check at analysis, an evaluator) and helpers for NULL-propagating functions
 * (Spark's NullIntolerant expressions: any NULL argument gives NULL).
 */
import type { Result } from '../../core/errors';
import type { Expr, Pos, Value } from './ast';
import { compiled, typeMismatch, type Compiled, type Eval } from './context';
import { NULL_TYPE, sqlTypeName } from './types';

export interface FnSpec {
	readonly min: number;
	readonly max: number;
	compile(
		args: readonly Compiled[],
		exprs: readonly Expr[],
		name: string,
		at: Pos
	): Result<Compiled>;
}

export type Registry = Readonly<Record<string, FnSpec>>;

/** Stands in for a missing argument in error messages. */
export const NULL_ARG: Compiled = compiled(NULL_TYPE, 'NULL', true, () => null);

export function strict1(e: Eval, f: (v: Value) => Value): Eval {
	return (row) => {
		const v = e(row);
		return v === null ? null : f(v);
	};
}

/** Every argument evaluated; NULL if any is NULL. */
export function strictN(es: readonly Eval[], f: (vs: Value[]) => Value): Eval {
	return (row) => {
		const vs: Value[] = [];
		for (const e of es) {
			const v = e(row);
			if (v === null) return null;
			vs.push(v);
		}
		return f(vs);
	};
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

/** `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE]` for argument `i` of the call named `name`. */
export function wrongType(
	at: Pos,
	name: string,
	i: number,
	requires: string,
	arg: Compiled = NULL_ARG
): Result<never> {
	const ordinal = ORDINALS[i] ?? `#${i + 1}`;
	const found = `"${arg.name}" has the type "${sqlTypeName(arg.type)}"`;
	const detail = `The ${ordinal} parameter requires the ${requires} type, however ${found}.`;
	return typeMismatch(at, 'UNEXPECTED_INPUT_TYPE', name, detail);
}

/** Checks every argument with `accept`; the first one refused is Spark's type error. */
export function checkArgs(
	args: readonly (Compiled | undefined)[],
	accept: (c: Compiled) => boolean,
	requires: string,
	name: string,
	at: Pos
): Result<Compiled[]> {
	const out: Compiled[] = [];
	for (const [i, a] of args.entries()) {
		if (a === undefined || !accept(a)) return wrongType(at, name, i, requires, a);
		out.push(a);
	}
	return { ok: true, value: out };
}
