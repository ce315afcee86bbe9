/**
 * Spark SQL data types as the expression layer sees them: the type names PySpark and SQL text
 * accept (`cast("long")`, `CAST(x AS BIGINT)`), the upper-case SQL spelling Spark prints in
 * column names and errors (`DataType.sql`), and numeric widening (TypeCoercion's
 * `findTightestCommonType`: INT < BIGINT < DOUBLE). Source: Spark's DataTypeParser, DataType.sql.
 */
import type { DataType, StructField } from './ast';

export const LONG: DataType = { kind: 'long' };
export const INT: DataType = { kind: 'int' };
export const DOUBLE: DataType = { kind: 'double' };
export const STRING: DataType = { kind: 'string' };
export const BOOLEAN: DataType = { kind: 'boolean' };
export const TIMESTAMP: DataType = { kind: 'timestamp' };
export const INTERVAL: DataType = { kind: 'interval' };
export const NULL_TYPE: DataType = { kind: 'null' };

/** A window / session_window column: struct<start: timestamp, end: timestamp>. */
export const WINDOW_TYPE: DataType = {
	kind: 'struct',
	fields: [
		{ name: 'start', type: TIMESTAMP },
		{ name: 'end', type: TIMESTAMP }
	]
};

/** Simple type names Spark accepts, lower case. Narrow integral types (byte, short) and float
 *  and decimal are modelled by their nearest engine type: the playground's numbers are
 *  JavaScript doubles. */
const SIMPLE: Readonly<Record<string, DataType>> = {
	long: LONG,
	bigint: LONG,
	int: INT,
	integer: INT,
	short: INT,
	smallint: INT,
	byte: INT,
	tinyint: INT,
	double: DOUBLE,
	float: DOUBLE,
	real: DOUBLE,
	decimal: DOUBLE,
	string: STRING,
	varchar: STRING,
	char: STRING,
	boolean: BOOLEAN,
	bool: BOOLEAN,
	timestamp: TIMESTAMP,
	timestamp_ltz: TIMESTAMP,
	timestamp_ntz: TIMESTAMP,
	interval: INTERVAL,
	variant: { kind: 'variant' },
	void: NULL_TYPE,
	// PySpark's typeName()/simpleString() spellings, e.g. LongType().simpleString() is 'bigint'.
	longtype: LONG,
	integertype: INT,
	doubletype: DOUBLE,
	floattype: DOUBLE,
	stringtype: STRING,
	booleantype: BOOLEAN,
	timestamptype: TIMESTAMP
};

/** "long", "BIGINT", "decimal(10,2)", "varchar(20)", "array<int>" → DataType, null if unknown. */
export function parseDataType(text: string): DataType | null {
	const t = text.trim().toLowerCase();
	const simple = SIMPLE[t.replace(/\(\s*\d+\s*(,\s*\d+\s*)?\)$/, '').replace(/\(\)$/, '')];
	if (simple !== undefined) return simple;
	const struct = /^struct\s*<(.*)>$/.exec(text.trim());
	if (struct !== null && struct[1] !== undefined) return parseStructFields(struct[1]);
	const arr = /^array\s*<(.*)>$/.exec(t);
	if (arr !== null && arr[1] !== undefined) {
		const element = parseDataType(arr[1]);
		return element === null ? null : { kind: 'array', element };
	}
	return null;
}

/** `a:int,b:struct<c:string>` (or `a INT, b STRING`): field names keep their case. */
function parseStructFields(body: string): DataType | null {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < body.length; i++) {
		const ch = body[i];
		if (ch === '<') depth++;
		else if (ch === '>') depth--;
		else if (ch === ',' && depth === 0) {
			parts.push(body.slice(start, i));
			start = i + 1;
		}
	}
	if (body.trim() !== '') parts.push(body.slice(start));
	const fields: { name: string; type: DataType }[] = [];
	for (const part of parts) {
		const m = /^\s*`?([A-Za-z_][A-Za-z0-9_]*)`?\s*(?::|\s)\s*(.+?)\s*$/.exec(part);
		const type = m?.[2] === undefined ? null : parseDataType(m[2]);
		if (!m?.[1] || type === null) return null;
		fields.push({ name: m[1], type });
	}
	return { kind: 'struct', fields };
}

/** Spark's `DataType.sql`: the spelling in `CAST(x AS BIGINT)` names and error messages. */
export function sqlTypeName(t: DataType): string {
	switch (t.kind) {
		case 'long':
			return 'BIGINT';
		case 'int':
			return 'INT';
		case 'double':
			return 'DOUBLE';
		case 'string':
			return 'STRING';
		case 'boolean':
			return 'BOOLEAN';
		case 'timestamp':
			return 'TIMESTAMP';
		case 'interval':
			return 'INTERVAL DAY TO SECOND';
		case 'variant':
			return 'VARIANT';
		case 'null':
			return 'VOID';
		case 'array':
			return `ARRAY<${sqlTypeName(t.element)}>`;
		case 'struct':
			return `STRUCT<${t.fields.map((f) => `${f.name}: ${sqlTypeName(f.type)}`).join(', ')}>`;
	}
}

export const isIntegral = (t: DataType): boolean => t.kind === 'int' || t.kind === 'long';
export const isNumeric = (t: DataType): boolean =>
	t.kind === 'int' || t.kind === 'long' || t.kind === 'double';

const RANK: Readonly<Record<string, number>> = { null: 0, int: 1, long: 2, double: 3 };

/** The wider of two numeric (or NULL) types, null if either is not numeric. */
export function widerNumeric(a: DataType, b: DataType): DataType | null {
	const ra = RANK[a.kind];
	const rb = RANK[b.kind];
	if (ra === undefined || rb === undefined) return null;
	const w = ra >= rb ? a : b;
	return w.kind === 'null' ? INT : w;
}

export function sameType(a: DataType, b: DataType): boolean {
	if (a.kind !== b.kind) return false;
	if (a.kind === 'array' && b.kind === 'array') return sameType(a.element, b.element);
	if (a.kind === 'struct' && b.kind === 'struct') {
		return (
			a.fields.length === b.fields.length &&
			a.fields.every((f, i) => {
				const g: StructField | undefined = b.fields[i];
				return g !== undefined && f.name === g.name && sameType(f.type, g.type);
			})
		);
	}
	return true;
}

/** TypeCoercion's common type for CASE branches, COALESCE, IN lists, comparisons: NULL yields
 *  to anything, numerics widen, otherwise the types must agree. */
export function commonType(a: DataType, b: DataType): DataType | null {
	if (a.kind === 'null') return b;
	if (b.kind === 'null') return a;
	const n = widerNumeric(a, b);
	if (n !== null) return n;
	return sameType(a, b) ? a : null;
}
