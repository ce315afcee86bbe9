/**
 * Spark 4.0's VARIANT: `parse_json`, `try_parse_json`, `variant_get`, `try_variant_get`,
 * `is_variant_null`, and `to_json` of a variant. The engine holds a variant as its canonical JSON
 * text: object keys sorted (the binary format keeps an object's fields sorted by key, so Spark
 * prints them that way), no whitespace. Every behaviour below was observed on PySpark 4.1.4:
 *
 * - `parse_json` of malformed text fails the query (MALFORMED_RECORD_IN_PARSING, FAILFAST);
 *   `try_parse_json` gives NULL.
 * - `variant_get(v, path, type)`: a missing path or a JSON null gives NULL; a value casts as the
 *   SQL cast from its own type would (an integral number as BIGINT, a fraction as DOUBLE, so 1.5
 *   as INT is 1), and a failed cast is INVALID_VARIANT_CAST, or NULL under `try_variant_get`
 *   (element by element inside an array). Strings target: a string as is, anything else as JSON.
 * - A path not of the form `$`, `.name`, `['name']`, `["name"]`, `[123]` fails when the query runs
 *   (INVALID_VARIANT_GET_PATH), not at analysis.
 */
import { ok } from '../../core/errors';
import type { DataType, Value } from './ast';
import { castFunction } from './cast';
import { compiled, errAt } from './context';
import { strict1, wrongType, type Registry } from './fn-common';
import { ExprRuntimeError } from './runtime-error';
import { parseDataType, sqlTypeName } from './types';

export const VARIANT: DataType = { kind: 'variant' };

/** Canonical JSON: keys sorted, no whitespace. */
export function canonical(v: unknown): string {
	if (v === null || typeof v !== 'object') return JSON.stringify(v);
	if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
	const o = v as Record<string, unknown>;
	const keys = Object.keys(o).sort();
	return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

const malformed = (text: string) =>
	new ExprRuntimeError(
		'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
		`Malformed records are detected in record parsing: ${text}.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.`
	);

function parseVariant(text: string, tolerant: boolean): Value {
	try {
		return canonical(JSON.parse(text));
	} catch {
		if (tolerant) return null;
		throw malformed(text);
	}
}

type Segment = { readonly key: string } | { readonly index: number };

/** `$.a['b'][0]` → segments; null when the path is not one Spark accepts. */
export function parseVariantPath(path: string): Segment[] | null {
	if (!path.startsWith('$')) return null;
	const out: Segment[] = [];
	const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
	let i = 1;
	while (i < path.length) {
		re.lastIndex = i;
		const m = re.exec(path);
		if (m === null) return null;
		if (m[2] !== undefined) out.push({ index: Number(m[2]) });
		else out.push({ key: m[1] ?? m[3] ?? m[4] ?? '' });
		i = re.lastIndex;
	}
	return out;
}

const badPath = (path: string, fn: string) =>
	new ExprRuntimeError(
		'INVALID_VARIANT_GET_PATH',
		`The path \`${path}\` is not a valid variant extraction path in \`\`${fn}\`\`.\nA valid path should start with \`$\` and is followed by zero or more segments like \`[123]\`, \`.name\`, \`['name']\`, or \`["name"]\`.`
	);

const badCast = (v: unknown, to: DataType) =>
	new ExprRuntimeError(
		'INVALID_VARIANT_CAST',
		`The variant value \`${canonical(v)}\` cannot be cast into \`"${sqlTypeName(to)}"\`. Please use \`try_variant_get\` instead.`
	);

/** The JSON value's own SQL type, as the variant records it. */
function ownType(v: unknown): DataType | null {
	if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'long' } : { kind: 'double' };
	if (typeof v === 'string') return { kind: 'string' };
	if (typeof v === 'boolean') return { kind: 'boolean' };
	return null;
}

/** One JSON value as `to`; `fail` decides between an error and NULL, and is told the type that
 *  refused the value (an array's element type, as Spark names it). */
function castJson(v: unknown, to: DataType, fail: (v: unknown, to: DataType) => Value): Value {
	if (v === undefined) return null;
	// As a VARIANT, a JSON null stays a variant null (is_variant_null is true); as anything else
	// it is SQL NULL.
	if (to.kind === 'variant') return canonical(v);
	if (v === null) return null;
	if (to.kind === 'string') return typeof v === 'string' ? v : canonical(v);
	if (to.kind === 'array') {
		if (!Array.isArray(v)) return fail(v, to);
		return v.map((x) => castJson(x, to.element, fail));
	}
	if (to.kind === 'struct') {
		if (typeof v !== 'object' || Array.isArray(v)) return fail(v, to);
		const o = v as Record<string, unknown>;
		const out: Record<string, Value> = {};
		for (const f of to.fields) out[f.name] = castJson(o[f.name], f.type, fail);
		return out;
	}
	const from = ownType(v);
	if (from === null) return fail(v, to);
	const cast = castFunction(from, to);
	if (!cast.ok) return fail(v, to);
	try {
		return cast.value(v as Value);
	} catch (e) {
		if (e instanceof ExprRuntimeError) return fail(v, to);
		throw e;
	}
}

function extract(text: string, path: readonly Segment[]): unknown {
	let cur: unknown = JSON.parse(text);
	for (const s of path) {
		if (cur === null || typeof cur !== 'object') return undefined;
		if ('index' in s) cur = Array.isArray(cur) ? cur[s.index] : undefined;
		else cur = Array.isArray(cur) ? undefined : (cur as Record<string, unknown>)[s.key];
	}
	return cur;
}

const variantGet = (tolerant: boolean): Registry[string] => ({
	min: 3,
	max: 3,
	compile: ([v, p, t], exprs, name, at) => {
		if (v === undefined || (v.type.kind !== 'variant' && v.type.kind !== 'null'))
			return wrongType(at, name, 0, '"VARIANT"', v);
		const pathExpr = exprs[1];
		const typeExpr = exprs[2];
		if (pathExpr?.kind !== 'lit' || typeof pathExpr.value !== 'string')
			return wrongType(at, name, 1, '"STRING" literal', p);
		const to =
			typeExpr?.kind === 'lit' && typeof typeExpr.value === 'string'
				? parseDataType(typeExpr.value)
				: null;
		if (to === null) return wrongType(at, name, 2, 'type name', t);
		if (to.kind === 'interval' || to.kind === 'null')
			return errAt(
				at,
				`[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] Cannot resolve "${name}" due to data type mismatch: cannot cast "VARIANT" to "${sqlTypeName(to)}".`
			);
		const text = pathExpr.value;
		const path = parseVariantPath(text);
		const fail = tolerant
			? () => null
			: (x: unknown, type: DataType): never => {
					throw badCast(x, type);
				};
		return ok(
			compiled(
				to,
				name,
				true,
				strict1(v.eval, (x) => {
					// Spark parses the path when the query runs: the error comes with the first row.
					if (path === null) throw badPath(text, 'variant_get');
					return castJson(extract(String(x), path), to, fail);
				})
			)
		);
	}
});

const parser = (tolerant: boolean): Registry[string] => ({
	min: 1,
	max: 1,
	compile: ([a], _exprs, name, at) => {
		if (a === undefined || (a.type.kind !== 'string' && a.type.kind !== 'null'))
			return wrongType(at, name, 0, '"STRING"', a);
		return ok(
			compiled(
				VARIANT,
				name,
				true,
				strict1(a.eval, (v) => parseVariant(String(v), tolerant))
			)
		);
	}
});

export const VARIANT_FUNCTIONS: Registry = {
	parse_json: parser(false),
	try_parse_json: parser(true),
	variant_get: variantGet(false),
	try_variant_get: variantGet(true),
	is_variant_null: {
		min: 1,
		max: 1,
		compile: ([a], _exprs, name, at) => {
			if (a === undefined || a.type.kind !== 'variant')
				return wrongType(at, name, 0, '"VARIANT"', a);
			const ev = a.eval;
			// A variant holding JSON null is true; a SQL NULL is false (not NULL).
			return ok(compiled({ kind: 'boolean' }, name, false, (row) => ev(row) === 'null'));
		}
	}
};
