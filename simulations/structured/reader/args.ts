/**
 * Call arguments as PySpark sees them: positional and keyword, each with its program position.
 * PySpark functions accept "column or name" (`ColumnOrName`: a str is a column name) for most
 * Column parameters and plain literals elsewhere (`F.lit`, `when`'s value, `split`'s pattern);
 * the two conversions below mirror `_to_java_column` and `lit`.
 */
import type { DataType, Expr, Pos } from '../expr/ast';
import { fail } from './errors';
import { describe, type PyValue } from './values';

export interface Arg {
	readonly v: PyValue;
	readonly at: Pos;
	/** For a string literal argument: the program position of the value's i-th character, so
	 *  an error inside SQL text (`F.expr`, `selectExpr`, `filter`) points into the string, also
	 *  across implicitly concatenated pieces on several lines. */
	readonly locate?: (offset: number) => Pos;
}

export interface Args {
	readonly pos: readonly Arg[];
	readonly kw: ReadonlyMap<string, Arg>;
	/** Where the called name is written. */
	readonly at: Pos;
	/** The called name, for messages (`withWatermark`, `F.window`). */
	readonly name: string;
}

/** Positional argument i, or the keyword argument of that name. */
export const arg = (a: Args, i: number, kw?: string): Arg | undefined =>
	a.pos[i] ?? (kw === undefined ? undefined : a.kw.get(kw));

export const need = (a: Args, i: number, kw: string): Arg =>
	arg(a, i, kw) ?? fail(a.at, `${a.name}() missing required argument '${kw}'`);

export const noMore = (a: Args, max: number, kws: readonly string[] = []): void => {
	if (a.pos.length > max)
		fail(a.pos[max]?.at ?? a.at, `${a.name}() takes at most ${max} positional argument(s)`);
	for (const [k, v] of a.kw)
		if (!kws.includes(k)) fail(v.at, `${a.name}() got an unexpected keyword argument '${k}'`);
};

export const strOf = (x: Arg, what: string): string =>
	x.v.t === 'str' ? x.v.v : fail(x.at, `${what} must be a string, not ${describe(x.v)}`);

export const numOf = (x: Arg, what: string): number =>
	x.v.t === 'num' ? x.v.v : fail(x.at, `${what} must be a number, not ${describe(x.v)}`);

export const boolOf = (x: Arg, what: string): boolean =>
	x.v.t === 'bool' ? x.v.v : fail(x.at, `${what} must be True or False, not ${describe(x.v)}`);

/** Option values: PySpark stringifies them (`option("port", 9999)` → "9999"). */
export const optionString = (x: Arg): string => {
	switch (x.v.t) {
		case 'str':
			return x.v.v;
		case 'num':
			return String(x.v.v);
		case 'bool':
			return x.v.v ? 'true' : 'false';
		default:
			return fail(x.at, `option value must be a string, number or bool, not ${describe(x.v)}`);
	}
};

const INT_MAX = 2147483647;

/** A Python constant as a Spark literal (`F.lit` typing: int → int or bigint, float → double). */
export function literal(v: PyValue, at: Pos): Expr | null {
	switch (v.t) {
		case 'none':
			return { kind: 'lit', value: null, type: { kind: 'null' }, at };
		case 'bool':
			return { kind: 'lit', value: v.v, type: { kind: 'boolean' }, at };
		case 'str':
			return { kind: 'lit', value: v.v, type: { kind: 'string' }, at };
		case 'num': {
			const type: DataType = !v.int
				? { kind: 'double' }
				: Math.abs(v.v) <= INT_MAX
					? { kind: 'int' }
					: { kind: 'long' };
			return { kind: 'lit', value: v.v, type, at };
		}
		default:
			return null;
	}
}

/** A Column or a literal (operator operands, `when` values, `lit`). */
export const columnOrLiteral = (x: Arg, what: string): Expr => {
	if (x.v.t === 'column') return x.v.expr;
	return (
		literal(x.v, x.at) ??
		fail(x.at, `${what}: expected a Column or a literal, got ${describe(x.v)}`)
	);
};

/** ColumnOrName: a str names a column ("*" is every column, "a.b" a struct field). */
export const columnOrName = (x: Arg, what: string): Expr => {
	if (x.v.t === 'column') return x.v.expr;
	if (x.v.t === 'str') return nameToExpr(x.v.v, x.at);
	return fail(x.at, `${what}: expected a Column or a column name, got ${describe(x.v)}`);
};

/** `"*"` → star, `"e.*"` → every field of struct e, `"window.start"` → field access. */
export function nameToExpr(name: string, at: Pos): Expr {
	if (name === '*') return { kind: 'star', at };
	const parts = name.split('.');
	const head = parts[0] ?? name;
	let e: Expr = { kind: 'col', name: head, at };
	for (const p of parts.slice(1)) e = { kind: 'field', expr: e, field: p, at };
	return e;
}

/** Varargs that may also be passed as one list: `groupBy(["a", "b"])`, `select([c1, c2])`. */
export const flatArgs = (a: Args): Arg[] => {
	const out: Arg[] = [];
	for (const x of a.pos) {
		if (x.v.t === 'list') for (const item of x.v.items) out.push({ v: item, at: x.at });
		else out.push(x);
	}
	return out;
};
