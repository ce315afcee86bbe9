/**
 * Projections as Dataset builds them: a select list becomes a Project, or a Generate when it
 * holds a generator (Catalyst's ExtractGenerator keeps the select order with a Project on top);
 * withColumn replaces a same-named column in place or appends; a top-level cast of a named
 * column keeps the name (Column.named). References to existing columns are qualified only when
 * their name alone would be ambiguous.
 */
import type { Expr, Pos, StructField } from '../expr/ast';
import type { Plan } from '../plan';
import { some } from '../analyzer/exprs';
import { planTag } from '../analyzer/tags';
import { fail } from './errors';
import type { ReaderState } from './state';
import type { PyValue } from './values';

export function refTo(schema: readonly StructField[], i: number, at: Pos): Expr {
	const f = schema[i];
	if (!f) return fail(at, 'internal: column index out of range');
	const lower = f.name.toLowerCase();
	const same = schema.filter((g) => g.name.toLowerCase() === lower);
	if (same.length > 1)
		for (const q of f.qualifiers ?? [])
			if (same.filter((g) => g.qualifiers?.includes(q)).length === 1)
				return { kind: 'col', name: f.name, qualifier: q, at };
	return { kind: 'col', name: f.name, at };
}

const stripAlias = (e: Expr): Expr => (e.kind === 'alias' ? stripAlias(e.expr) : e);
const GENERATORS = ['explode', 'explode_outer', 'posexplode', 'inline'];
const isGenerator = (e: Expr): boolean => {
	const s = stripAlias(e);
	return s.kind === 'call' && GENERATORS.includes(s.fn);
};

/** select / selectExpr / withColumn: a Project, or a Generate when a generator is selected. */
export function project(st: ReaderState, child: Plan, exprs: readonly Expr[], at: Pos): Plan {
	for (const e of exprs)
		if (e.kind === 'call' && e.fn.startsWith('__sort_'))
			fail(e.at ?? at, 'a sort order (asc/desc) can only be used in orderBy/sort');
	// An aggregate function in a select list makes it a global aggregation (Catalyst's
	// GlobalAggregates rule): `selectExpr("count(*)")`.
	if (exprs.some((e) => some(e, (x) => x.kind === 'agg')))
		return { op: 'Aggregate', child, groupBy: [], aggregates: exprs, at };
	const gens = exprs.filter(isGenerator);
	if (gens.length === 0) return { op: 'Project', child, exprs, at };
	if (gens.length > 1)
		return fail(
			gens[1]?.at ?? at,
			`[UNSUPPORTED_GENERATOR.MULTI_GENERATOR] The generator is not supported: only one generator allowed per SELECT clause but found ${gens.length}.`
		);
	const i = exprs.findIndex(isGenerator);
	const g = exprs[i] as Expr;
	const generator = stripAlias(g);
	const outputName = g.kind === 'alias' ? g.name : 'col';
	const before = exprs.slice(0, i);
	const keep = [...before, ...exprs.slice(i + 1)];
	const gen: Plan = { op: 'Generate', child, generator, outputName, keep, at };
	if (i === exprs.length - 1) return gen;
	const schema = st.resolver.resolve(gen).schema;
	const nBefore = st.resolver.resolve({ op: 'Project', child, exprs: before, at }).schema.length;
	const order = [...schema.keys()];
	const last = order.pop() ?? 0;
	order.splice(nBefore, 0, last);
	return { op: 'Project', child: gen, exprs: order.map((k) => refTo(schema, k, at)), at };
}

/** Column.named: a top-level cast of a named column keeps that name in a select
 *  (`F.col("v").cast("string")` is column `v`), unlike SQL's `CAST(v AS STRING)`. */
export function named(e: Expr): Expr {
	if (e.kind !== 'cast') return e;
	const inner = e.expr;
	const name = inner.kind === 'col' ? inner.name : inner.kind === 'alias' ? inner.name : null;
	return name === null ? e : { kind: 'alias', expr: e, name, ...(e.at ? { at: e.at } : {}) };
}

export function findIndex(schema: readonly StructField[], name: string): number {
	const lower = name.toLowerCase();
	return schema.findIndex((f) => f.name.toLowerCase() === lower);
}

export function withColumns(
	st: ReaderState,
	d: Plan,
	pairs: readonly (readonly [string, Expr])[],
	at: Pos
): Plan {
	const schema = st.resolver.resolve(d).schema;
	const exprs: Expr[] = schema.map((_, i) => refTo(schema, i, at));
	for (const [name, e] of pairs) {
		const aliased: Expr = { kind: 'alias', expr: e, name, at: e.at ?? at };
		const i = findIndex(schema, name);
		if (i >= 0) exprs[i] = aliased;
		else exprs.push(aliased);
	}
	return project(st, d, exprs, at);
}

/** `df["x"]` / `df.x`: the column as seen through df, so it stays unambiguous after a join. */
export function qualifiedColumn(
	st: ReaderState,
	df: PyValue & { t: 'df' },
	name: string,
	at: Pos
): Expr {
	const parts = name.split('.');
	const head = parts[0] ?? name;
	// Resolving now reports a missing column at the subscript, as PySpark's eager analysis does.
	st.resolver.checkColumn(df.plan, head, at);
	let e: Expr = { kind: 'col', name: head, qualifier: planTag(df.plan), at };
	for (const p of parts.slice(1)) e = { kind: 'field', expr: e, field: p, at };
	return e;
}
