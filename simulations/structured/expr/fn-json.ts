/**
 * from_json / to_json (JsonToStructs, StructsToJson; SPARK-SEMANTICS R10.1). PERMISSIVE mode,
 * Spark's default: a record is always kept; a syntax error makes every field NULL, a value of
 * the wrong JSON type makes that field NULL (partial results, SPARK-33134); either way the raw
 * text lands in the corrupt-record column (`columnNameOfCorruptRecord`, default
 * `_corrupt_record`) when the schema declares it. FAILFAST fails the query on the first such
 * record (FailureSafeParser); DROPMALFORMED is refused at analysis, and an unknown mode falls back
 * to PERMISSIVE (ParseMode.fromString). A NULL input gives NULL. Checked on PySpark 4.1.4.
 */
import { ok } from '../../core/errors';
import type { DataType, Expr, StructField, Value } from './ast';
import { compiled, errAt } from './context';
import { ExprRuntimeError } from './runtime-error';
import { canonical } from './fn-variant';
import { parseTimestampString } from './cast';
import { strict1, wrongType, type Registry } from './fn-common';
import { parseDataType, sqlTypeName } from './types';
import { formatInterval, javaDouble } from './format';
import { isoText } from '../../core/calendar';

const CORRUPT = '_corrupt_record';

/** Converts one JSON value to a Spark value of `type`; `undefined` means "does not fit". */
function convert(v: unknown, type: DataType): Value | undefined {
	if (v === null || v === undefined) return null;
	switch (type.kind) {
		case 'int':
		case 'long':
			return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
		case 'double':
			return typeof v === 'number' ? v : undefined;
		case 'boolean':
			return typeof v === 'boolean' ? v : undefined;
		case 'string':
			return typeof v === 'string' ? v : JSON.stringify(v);
		case 'timestamp':
			if (typeof v === 'number') return Math.round(v * 1_000_000);
			return typeof v === 'string' ? (parseTimestampString(v) ?? undefined) : undefined;
		case 'variant':
			// A VARIANT field takes any JSON value as is (Spark 4.0).
			return canonical(v);
		case 'array': {
			if (!Array.isArray(v)) return undefined;
			const out: Value[] = [];
			for (const x of v) {
				const c = convert(x, type.element);
				if (c === undefined) return undefined;
				out.push(c);
			}
			return out;
		}
		case 'struct':
			return typeof v === 'object' && !Array.isArray(v)
				? (structFrom(v as Record<string, unknown>, type.fields).value ?? undefined)
				: undefined;
		default:
			return undefined;
	}
}

function structFrom(
	obj: Record<string, unknown>,
	fields: readonly StructField[]
): { value: Record<string, Value>; partial: boolean } {
	const value: Record<string, Value> = {};
	let partial = false;
	for (const f of fields) {
		const c = convert(obj[f.name], f.type);
		if (c === undefined) partial = true;
		value[f.name] = c ?? null;
	}
	return { value, partial };
}

/** How from_json treats a record that does not fit the schema. */
export interface JsonParseOptions {
	readonly failFast: boolean;
	readonly corruptColumn: string;
}

const PERMISSIVE: JsonParseOptions = { failFast: false, corruptColumn: CORRUPT };

/** A row as FailureSafeParser prints it in its error: `[null,x]` (InternalRow.toString). */
function rowText(fields: readonly StructField[], value: Readonly<Record<string, Value>>): string {
	const cell = (v: Value): string =>
		v === null
			? 'null'
			: typeof v === 'object'
				? Array.isArray(v)
					? `[${v.map(cell).join(',')}]`
					: `[${Object.values(v).map(cell).join(',')}]`
				: String(v);
	return `[${fields.map((f) => cell(value[f.name] ?? null)).join(',')}]`;
}

const malformed = (row: string) =>
	new ExprRuntimeError(
		'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
		`Malformed records are detected in record parsing: ${row}.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.`
	);

/** The first DOUBLE field the record sends as a JSON string, in the record's order: Jackson's
 *  converter throws StringAsDataTypeException for it, which FAILFAST reports with its own error
 *  class (observed on PySpark 4.1.4; a JSON true for a DOUBLE is a plain malformed record). */
function stringForDouble(
	obj: Record<string, unknown>,
	fields: readonly StructField[]
): { name: string; text: string } | null {
	for (const [k, v] of Object.entries(obj)) {
		const f = fields.find((x) => x.name === k);
		if (f?.type.kind === 'double' && typeof v === 'string' && v.length > 0)
			return { name: k, text: v };
	}
	return null;
}

const cannotParseString = (record: string, field: string, value: string) =>
	new ExprRuntimeError(
		'MALFORMED_RECORD_IN_PARSING.CANNOT_PARSE_STRING_AS_DATATYPE',
		`Malformed records are detected in record parsing: ${record}.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. Cannot parse the value '${value}' of the field \`${field}\` as target spark data type DoubleType from the input type StringType.`
	);

export function parseJsonRecord(
	text: string,
	fields: readonly StructField[],
	options: JsonParseOptions = PERMISSIVE
): Value {
	const corrupt = options.corruptColumn;
	const hasCorrupt = fields.some((f) => f.name === corrupt && f.type.kind === 'string');
	// The record's own fields: the corrupt-record column is filled by the parser, not the JSON.
	const dataFields = hasCorrupt ? fields.filter((f) => f.name !== corrupt) : fields;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		const all: Record<string, Value> = {};
		for (const f of fields) all[f.name] = null;
		if (options.failFast)
			throw malformed(
				hasCorrupt ? rowText(fields, { ...all, [corrupt]: text }) : rowText(dataFields, all)
			);
		if (hasCorrupt) all[corrupt] = text;
		return all;
	}
	const { value, partial } = structFrom(parsed as Record<string, unknown>, dataFields);
	if (partial && options.failFast) {
		const asString = stringForDouble(parsed as Record<string, unknown>, dataFields);
		if (asString) throw cannotParseString(text, asString.name, asString.text);
		// The row FailureSafeParser prints has the corrupt-record column filled with the text.
		throw malformed(
			hasCorrupt ? rowText(fields, { ...value, [corrupt]: text }) : rowText(dataFields, value)
		);
	}
	if (!hasCorrupt) return value;
	// In the schema's order: the corrupt-record column may sit anywhere in it.
	const out: Record<string, Value> = {};
	for (const f of fields)
		out[f.name] = f.name === corrupt ? (partial ? text : null) : (value[f.name] ?? null);
	return out;
}

/** The options literal the reader passes (a JSON object of strings); mode upper-cased as
 *  ParseMode.fromString compares it, an unknown one read as PERMISSIVE. */
function optionsOf(e: Expr | undefined): { mode: string; corruptColumn: string } {
	let raw: Record<string, string> = {};
	if (e?.kind === 'lit' && typeof e.value === 'string') {
		try {
			raw = JSON.parse(e.value) as Record<string, string>;
		} catch {
			raw = {};
		}
	}
	const mode = (raw['mode'] ?? 'PERMISSIVE').toUpperCase();
	return {
		mode: ['FAILFAST', 'DROPMALFORMED'].includes(mode) ? mode : 'PERMISSIVE',
		corruptColumn: raw['columnNameOfCorruptRecord'] ?? CORRUPT
	};
}

/**
 * One value as StructsToJson writes it (JacksonGenerator): struct fields in schema order, NULL
 * fields left out, doubles as Java prints them (20.0, not 20), timestamps in JSONOptions' write
 * format `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` in the session time zone (UTC here: `…Z`).
 */
function toJsonText(v: Value, t: DataType): string {
	if (v === null) return 'null';
	switch (t.kind) {
		case 'double': {
			const n = v as number;
			return Number.isFinite(n) ? javaDouble(n) : `"${javaDouble(n)}"`;
		}
		case 'timestamp':
			return `"${isoText(Math.floor((v as number) / 1000))}"`;
		case 'interval':
			return JSON.stringify(formatInterval(v as number));
		case 'variant':
			return String(v);
		case 'array':
			return `[${(v as readonly Value[]).map((x) => toJsonText(x, t.element)).join(',')}]`;
		case 'struct': {
			const o = v as { readonly [field: string]: Value };
			const parts = t.fields
				.filter((f) => o[f.name] !== null && o[f.name] !== undefined)
				.map((f) => `${JSON.stringify(f.name)}:${toJsonText(o[f.name] as Value, f.type)}`);
			return `{${parts.join(',')}}`;
		}
		default:
			return JSON.stringify(v);
	}
}

export const JSON_FUNCTIONS: Registry = {
	from_json: {
		min: 2,
		max: 3,
		compile: ([a, s], exprs, name, at) => {
			if (a === undefined || (a.type.kind !== 'string' && a.type.kind !== 'null'))
				return wrongType(at, name, 0, '"STRING"', a);
			const schema = exprs[1];
			const type =
				schema?.kind === 'lit' && typeof schema.value === 'string'
					? parseDataType(schema.value)
					: null;
			if (type === null || type.kind !== 'struct')
				return wrongType(at, name, 1, '"STRUCT" schema', s);
			const fields = type.fields;
			const opts = optionsOf(exprs[2]);
			if (opts.mode === 'DROPMALFORMED')
				return errAt(
					at,
					"[PARSE_MODE_UNSUPPORTED] The function `from_json` doesn't support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST."
				);
			const corrupt = fields.find((f) => f.name === opts.corruptColumn);
			if (corrupt !== undefined && corrupt.type.kind !== 'string')
				return errAt(
					at,
					`[INVALID_CORRUPT_RECORD_TYPE] The column \`${corrupt.name}\` for corrupt records must have the nullable STRING type, but got "${sqlTypeName(corrupt.type)}".`
				);
			const parse: JsonParseOptions = {
				failFast: opts.mode === 'FAILFAST',
				corruptColumn: opts.corruptColumn
			};
			return ok(
				compiled(
					type,
					name,
					true,
					strict1(a.eval, (v) => parseJsonRecord(String(v), fields, parse))
				)
			);
		}
	},
	to_json: {
		min: 1,
		max: 1,
		compile: ([a], _exprs, name, at) => {
			// A variant is held as its canonical JSON already (fn-variant.ts).
			if (a?.type.kind === 'variant') return ok(compiled({ kind: 'string' }, name, true, a.eval));
			if (a === undefined || (a.type.kind !== 'struct' && a.type.kind !== 'array'))
				return wrongType(at, name, 0, '"STRUCT" or "ARRAY"', a);
			return ok(
				compiled(
					{ kind: 'string' },
					name,
					true,
					strict1(a.eval, (v) => toJsonText(v, a.type))
				)
			);
		}
	}
};
