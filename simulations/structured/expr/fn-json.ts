/**
 * from_json / to_json (JsonToStructs, StructsToJson; SPARK-SEMANTICS R10.1). PERMISSIVE mode,
 * Spark's default: a record is always kept; a syntax error makes every field NULL, a value of
 * the wrong JSON type makes that field NULL (partial results, SPARK-33134); either way the raw
 * text lands in `_corrupt_record` when the schema declares it. A NULL input gives NULL.
 */
import { ok } from '../../core/errors';
import type { DataType, StructField, Value } from './ast';
import { compiled } from './context';
import { parseTimestampString } from './cast';
import { strict1, wrongType, type Registry } from './fn-common';
import { parseDataType } from './types';

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

export function parseJsonRecord(text: string, fields: readonly StructField[]): Value {
	const hasCorrupt = fields.some((f) => f.name === CORRUPT && f.type.kind === 'string');
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		const all: Record<string, Value> = {};
		for (const f of fields) all[f.name] = null;
		if (hasCorrupt) all[CORRUPT] = text;
		return all;
	}
	const { value, partial } = structFrom(parsed as Record<string, unknown>, fields);
	if (hasCorrupt) value[CORRUPT] = partial ? text : null;
	return value;
}

function toJsonValue(v: Value): unknown {
	if (v === null || typeof v !== 'object') return v;
	if (Array.isArray(v)) return v.map(toJsonValue);
	const out: Record<string, unknown> = {};
	for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = toJsonValue(x as Value);
	return out;
}

export const JSON_FUNCTIONS: Registry = {
	from_json: {
		min: 2,
		max: 2,
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
			return ok(
				compiled(
					type,
					name,
					true,
					strict1(a.eval, (v) => parseJsonRecord(String(v), fields))
				)
			);
		}
	},
	to_json: {
		min: 1,
		max: 1,
		compile: ([a], _exprs, name, at) => {
			if (a === undefined || (a.type.kind !== 'struct' && a.type.kind !== 'array'))
				return wrongType(at, name, 0, '"STRUCT" or "ARRAY"', a);
			return ok(
				compiled(
					{ kind: 'string' },
					name,
					true,
					strict1(a.eval, (v) => JSON.stringify(toJsonValue(v)))
				)
			);
		}
	}
};
