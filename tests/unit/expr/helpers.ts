import type { DataType, StructField, Value } from '../../../simulations/structured/expr/ast';
import { compileExpr, parseSqlExpr } from '../../../simulations/structured/expr/index';

export const LONG: DataType = { kind: 'long' };
export const INT: DataType = { kind: 'int' };
export const DOUBLE: DataType = { kind: 'double' };
export const STRING: DataType = { kind: 'string' };
export const TS: DataType = { kind: 'timestamp' };
export const BOOL: DataType = { kind: 'boolean' };
export const WINDOW: DataType = {
	kind: 'struct',
	fields: [
		{ name: 'start', type: TS },
		{ name: 'end', type: TS }
	]
};

export const field = (name: string, type: DataType, qualifiers?: string[]): StructField =>
	qualifiers === undefined ? { name, type } : { name, type, qualifiers };

/** Parses and compiles SQL text; throws (failing the test) on a parse or analysis error. */
export function sql(text: string, schema: readonly StructField[]) {
	const p = parseSqlExpr(text);
	if (!p.ok) throw new Error(`parse: ${p.error.message}`);
	const c = compileExpr(p.value, schema);
	if (!c.ok) throw new Error(`compile: ${c.error.message}`);
	return c.value;
}

export function evalSql(
	text: string,
	schema: readonly StructField[],
	row: readonly Value[]
): Value {
	return sql(text, schema).eval(row);
}

/** The analysis error message for SQL text that parses. */
export function compileError(text: string, schema: readonly StructField[]): string {
	const p = parseSqlExpr(text);
	if (!p.ok) throw new Error(`parse: ${p.error.message}`);
	const c = compileExpr(p.value, schema);
	if (c.ok) throw new Error(`expected an error for ${text}`);
	return c.error.message;
}
