/**
 * Typing and metadata of output columns: expressions compiled against a schema by the
 * expression layer (Spark's resolution and type rules), aggregate outputs typed by their
 * aggregate functions (Catalyst's resultExpressions over aggregate buffers), numeric type
 * widening for set operations, and which outputs keep watermark metadata (R2.1, R3.1, R3.3).
 */
import type { DataType, Expr, Pos, StructField } from '../expr/ast';
import { aggregateFunction, compileExpr, outputName, type Compiled } from '../expr/index';
import { bareRef, mapExpr, some, stripAlias } from './exprs';
import { reject } from './failure';
import type { AnalyzedNode, EventTimeColumn } from './types';

export function compile(e: Expr, schema: readonly StructField[], at: Pos): Compiled {
	const r = compileExpr(e, schema);
	if (r.ok) return r.value;
	return reject(
		r.error.line >= 1 ? { line: r.error.line, column: Math.max(1, r.error.column) } : at,
		r.error.message,
		undefined,
		r.error.supported
	);
}

export const withTag = (f: StructField, ...tags: readonly string[]): StructField => ({
	...f,
	qualifiers: [...new Set([...(f.qualifiers ?? []), ...tags])]
});

export function widen(a: DataType, b: DataType): DataType | null {
	if (a.kind === b.kind) return a;
	if (a.kind === 'null') return b;
	if (b.kind === 'null') return a;
	const order = ['int', 'long', 'double'];
	const ia = order.indexOf(a.kind);
	const ib = order.indexOf(b.kind);
	if (ia >= 0 && ib >= 0) return ia > ib ? a : b;
	return null;
}

/** An aggregate output: each aggregate call typed by the aggregate function, the rest of the
 *  expression compiled over placeholder columns (Catalyst's resultExpressions). */
export function aggregateOutput(e: Expr, schema: readonly StructField[], at: Pos): StructField {
	const placeholders: StructField[] = [];
	let sawAgg = false;
	const replaced = mapExpr(e, (x) => {
		if (x.kind !== 'agg') return x;
		sawAgg = true;
		if (x.args.some((a) => some(a, (y) => y.kind === 'agg')))
			reject(
				x.at ?? at,
				'[NESTED_AGGREGATE_FUNCTION] It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.',
				'NESTED_AGGREGATE_FUNCTION'
			);
		const first = x.args[0];
		const inputType =
			!first || first.kind === 'star' ? null : compile(first, schema, x.at ?? at).type;
		for (const a of x.args.slice(1)) compile(a, schema, x.at ?? at);
		const impl = aggregateFunction(x.fn, x.distinct, inputType);
		if (!impl.ok) return reject(x.at ?? at, impl.error);
		const name = `__agg${placeholders.length}`;
		placeholders.push({ name, type: impl.value.type });
		return { kind: 'col', name, ...(x.at ? { at: x.at } : {}) };
	});
	const base = stripAlias(e);
	if (!sawAgg)
		return reject(
			e.at ?? at,
			`[MISSING_AGGREGATION] The non-aggregating expression "${outputName(base)}" is based on columns which are not participating in the GROUP BY clause.`,
			'MISSING_AGGREGATION'
		);
	const c = compile(replaced, [...schema, ...placeholders], at);
	return { name: e.kind === 'alias' ? e.name : outputName(e), type: c.type };
}

/** Watermark metadata an output expression keeps: a column passed through (aliased or not),
 *  `window`/`session_window` over it, `window_time` of a watermarked window (R3.1, R3.3). */
export function eventTimeOf(
	e: Expr,
	child: AnalyzedNode
): Omit<EventTimeColumn, 'index' | 'name'> | null {
	const s = stripAlias(e);
	const fromRef = (x: Expr): EventTimeColumn | undefined => {
		const t = stripAlias(x);
		if (t.kind === 'call' && t.fn === 'window_time' && t.args[0]) return fromRef(t.args[0]);
		const i = bareRef(t, child.schema);
		return child.eventTime.find((c) => c.index === i);
	};
	if (s.kind === 'col') {
		const c = fromRef(s);
		return c ? { delayMs: c.delayMs, window: c.window, watermarkNodeId: c.watermarkNodeId } : null;
	}
	if (s.kind === 'window' || s.kind === 'session_window') {
		const c = fromRef(s.time);
		return c ? { delayMs: c.delayMs, window: true, watermarkNodeId: c.watermarkNodeId } : null;
	}
	if (s.kind === 'call' && s.fn === 'window_time') {
		const c = fromRef(s);
		return c ? { delayMs: c.delayMs, window: false, watermarkNodeId: c.watermarkNodeId } : null;
	}
	return null;
}
