/**
 * Expression analysis helpers shared by the resolver and the checks: column lookup against a
 * schema with qualifiers (ResolveReferences), star and `struct.*` expansion, `tbl.col` written
 * as a field access, window-on-a-window rewriting (`window(w, ...)` → `window(window_time(w),
 * ...)`, TimeWindowing), and walking an expression's sub-expressions.
 */
import type { Expr, Pos, StructField } from '../expr/ast';
import { reject } from './failure';

const lower = (s: string): string => s.toLowerCase();

export const hasQualifier = (f: StructField, q: string): boolean =>
	(f.qualifiers ?? []).some((x) => lower(x) === lower(q));

/** Indices of the fields a column reference can mean. */
export function lookup(schema: readonly StructField[], name: string, qualifier?: string): number[] {
	const out: number[] = [];
	schema.forEach((f, i) => {
		if (lower(f.name) === lower(name) && (qualifier === undefined || hasQualifier(f, qualifier)))
			out.push(i);
	});
	return out;
}

export function unresolved(name: string, schema: readonly StructField[], at: Pos): never {
	const names = schema.map((f) => `\`${f.name}\``).join(', ');
	return reject(
		at,
		`[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name \`${name}\` cannot be resolved. Did you mean one of the following? [${names}].`,
		'UNRESOLVED_COLUMN.WITH_SUGGESTION'
	);
}

/** The one field a bare column reference resolves to, or -1 if it is not a bare reference. */
export function bareRef(e: Expr, schema: readonly StructField[]): number {
	if (e.kind !== 'col') return -1;
	const hits = lookup(schema, e.name, e.qualifier);
	return hits.length === 1 ? (hits[0] ?? -1) : -1;
}

export const isQualifier = (schema: readonly StructField[], q: string): boolean =>
	schema.some((f) => hasQualifier(f, q));

/** Sub-expressions, for walks. */
export function children(e: Expr): readonly Expr[] {
	switch (e.kind) {
		case 'alias':
		case 'cast':
		case 'unary':
		case 'field':
			return [e.expr];
		case 'binary':
			return [e.left, e.right];
		case 'in':
			return [e.expr, ...e.list];
		case 'case':
			return [...e.branches.flat(), ...(e.otherwise ? [e.otherwise] : [])];
		case 'call':
		case 'agg':
			return e.args;
		case 'window':
			return [e.time];
		case 'session_window':
			return [e.time, e.gap];
		default:
			return [];
	}
}

export function some(e: Expr, p: (x: Expr) => boolean): boolean {
	return p(e) || children(e).some((c) => some(c, p));
}

/** Rebuilds an expression bottom-up through `f`. */
export function mapExpr(e: Expr, f: (x: Expr) => Expr): Expr {
	const m = (x: Expr): Expr => mapExpr(x, f);
	let out: Expr;
	switch (e.kind) {
		case 'alias':
		case 'cast':
		case 'unary':
		case 'field':
			out = { ...e, expr: m(e.expr) };
			break;
		case 'binary':
			out = { ...e, left: m(e.left), right: m(e.right) };
			break;
		case 'in':
			out = { ...e, expr: m(e.expr), list: e.list.map(m) };
			break;
		case 'case':
			out = {
				...e,
				branches: e.branches.map(([c, v]) => [m(c), m(v)] as const),
				otherwise: e.otherwise ? m(e.otherwise) : null
			};
			break;
		case 'call':
		case 'agg':
			out = { ...e, args: e.args.map(m) } as Expr;
			break;
		case 'window':
			out = { ...e, time: m(e.time) };
			break;
		case 'session_window':
			out = { ...e, time: m(e.time), gap: m(e.gap) };
			break;
		default:
			out = e;
	}
	return f(out);
}

/** `l.key` parsed as field `key` of column `l`, where `l` is a DataFrame alias: a qualified
 *  column instead (Catalyst tries qualifier.name before struct field access). */
export function qualify(e: Expr, schema: readonly StructField[]): Expr {
	return mapExpr(e, (x) => {
		if (
			x.kind === 'field' &&
			x.expr.kind === 'col' &&
			x.expr.qualifier === undefined &&
			x.field !== '*'
		) {
			const head = x.expr.name;
			if (
				lookup(schema, head).length === 0 &&
				isQualifier(schema, head) &&
				lookup(schema, x.field, head).length > 0
			)
				return { kind: 'col', name: x.field, qualifier: head, ...(x.at ? { at: x.at } : {}) };
		}
		return x;
	});
}

/** Expands `*`, `q.*` and `struct.*` in a select list; other items pass through. */
export function expandStars(
	exprs: readonly Expr[],
	schema: readonly StructField[],
	at: Pos,
	typeOfStruct: (e: Expr) => readonly StructField[] | null
): Expr[] {
	const out: Expr[] = [];
	const ref = (i: number): Expr => {
		const f = schema[i] as StructField;
		const dup = lookup(schema, f.name).length > 1;
		const q = dup
			? (f.qualifiers ?? []).find(
					(x) => x.startsWith('#') && lookup(schema, f.name, x).length === 1
				)
			: undefined;
		return { kind: 'col', name: f.name, ...(q ? { qualifier: q } : {}), at };
	};
	for (const e of exprs) {
		if (e.kind === 'star') {
			schema.forEach((_, i) => out.push(ref(i)));
			continue;
		}
		if (e.kind === 'field' && e.field === '*') {
			if (
				e.expr.kind === 'col' &&
				lookup(schema, e.expr.name).length === 0 &&
				isQualifier(schema, e.expr.name)
			) {
				const q = e.expr.name;
				schema.forEach(
					(f, i) =>
						hasQualifier(f, q) &&
						out.push({ kind: 'col', name: f.name, qualifier: q, ...(ref(i).at ? { at } : {}) })
				);
				continue;
			}
			const fields = typeOfStruct(e.expr);
			if (!fields)
				return reject(
					e.at ?? at,
					`Can only star expand struct data types. Attribute: \`${describeExpr(e.expr)}\`.`,
					'_LEGACY_ERROR_TEMP_1050'
				);
			for (const f of fields)
				out.push({
					kind: 'alias',
					expr: { kind: 'field', expr: e.expr, field: f.name, at: e.at ?? at },
					name: f.name,
					at: e.at ?? at
				});
			continue;
		}
		out.push(e);
	}
	return out;
}

export function describeExpr(e: Expr): string {
	if (e.kind === 'col')
		return e.qualifier && !e.qualifier.startsWith('#') ? `${e.qualifier}.${e.name}` : e.name;
	if (e.kind === 'field') return `${describeExpr(e.expr)}.${e.field}`;
	return e.kind;
}

export const isWindowExpr = (e: Expr): boolean =>
	e.kind === 'window' || e.kind === 'session_window';

/** Distinct window / session_window expressions in a list (Spark allows one per operator). */
export function countWindows(exprs: readonly Expr[]): number {
	const seen = new Set<string>();
	for (const e of exprs)
		some(e, (x) => {
			if (isWindowExpr(x)) seen.add(JSON.stringify(x, (k, v) => (k === 'at' ? undefined : v)));
			return false;
		});
	return seen.size;
}

export const stripAlias = (e: Expr): Expr => (e.kind === 'alias' ? stripAlias(e.expr) : e);
