/**
 * Physical planning: the analyzed plan becomes one executable function per node, run once per
 * micro-batch over that batch's rows (arrays, not one emission per row). Stateless nodes map
 * rows; stateful nodes (listed by the analyzer source→sink) own their state stores. Each node
 * also knows its output watermark as a function of the global one (WatermarkPropagator,
 * SPARK-SEMANTICS R5.7): EventTimeWatermark outputs the global value, stateless nodes the min of
 * their inputs, aggregation and dedup pass theirs through, a join lowers it to its state
 * watermarks. An operator's late-event and eviction watermarks are its input watermark for the
 * previous and the current batch's global value (R2.6).
 */
import type { AnalyzedNode, AnalyzedQuery, StatefulOperator } from '../analyzer/types';
import type { Expr, Value } from '../expr/ast';
import { compileExpr, type Compiled } from '../expr/index';
import { assignWindows, type WindowSpec } from '../operators/window';
import { emptyStats } from '../operators/watermark';
import type { BatchContext, Row } from './context';
import { columnsOf, compareValues, fieldIndex, stripAlias } from './expr-utils';
import { PlanError, unwrap } from './plan-errors';
import { planDedup } from './dedup-plan';
import { planAggregate } from './aggregate-plan';
import { planJoin } from './join-plan';
import { NOT_LOADED, pythonStateSupport } from '../python-state-support';
import { pushedFilters } from './pushdown';
import type { StatefulRuntime } from './stateful';

export interface NodeExec {
	readonly exec: (ctx: BatchContext) => Row[];
	/** Output watermark (ms) for a global watermark, or null when no watermark reaches here. */
	readonly watermark: (globalMs: number) => number | null;
}

export interface PhysicalPlan {
	readonly root: NodeExec;
	readonly stateful: readonly StatefulRuntime[];
	/** Source names the plan reads (bound DataFrame names, or `format` for readStream). */
	readonly sourceNames: readonly string[];
	/** Append-mode limits (StreamingGlobalLimitExec): rows written so far, by Limit node id;
	 *  part of the checkpoint like any operator state. */
	readonly limits: Map<number, { written: number }>;
}

export const sourceName = (node: AnalyzedNode): string => {
	const p = node.plan;
	if (p.op !== 'Source') return '';
	if (p.source.kind === 'bound') return p.source.name;
	// Two Kafka sources on different topics are two sources (advanced-02 reads `eu` and `us`).
	const topic = p.source.format === 'kafka' ? p.source.options['subscribe'] : undefined;
	return topic === undefined ? p.source.format : `kafka:${topic}`;
};

export const minWatermark = (values: readonly (number | null)[]): number | null => {
	let m: number | null = null;
	for (const v of values) if (v !== null && (m === null || v < m)) m = v;
	return m;
};

export function compile(expr: Expr, node: AnalyzedNode): Compiled {
	return unwrap(compileExpr(expr, node.schema), expr.at);
}

/** The per-row value of a top-level `window(...)` projection: the windows a row falls in. */
export function windowParts(expr: Expr, child: AnalyzedNode) {
	const inner = stripAlias(expr);
	if (inner.kind !== 'window') return null;
	const time = compile(inner.time, child);
	const { durationUs, slideUs, startUs } = inner;
	const spec: WindowSpec = { durationUs, slideUs, startUs };
	// window(windowCol, ...) is window(window_time(windowCol), ...) (R3.3).
	const isStruct = time.type.kind === 'struct';
	/** The row's window time (µs), null when the row has none. */
	const timeOf = (row: Row): number | null => {
		const t = time.eval(row);
		if (t === null || !isStruct) return t as number | null;
		const end = (t as { end: Value }).end;
		return end === null ? null : (end as number) - 1;
	};
	const windows = (row: Row): { start: number; end: number }[] => {
		let t = time.eval(row);
		if (t === null) return [];
		if (isStruct) {
			const end = (t as { end: Value }).end;
			if (end === null) return [];
			t = (end as number) - 1;
		}
		return assignWindows(t as number, spec);
	};
	return { windows, timeOf, spec };
}

/** Whether an expression reads a column that carries watermark metadata in `child`. */
export function readsEventTime(expr: Expr, child: AnalyzedNode): boolean {
	const names = new Set(child.eventTime.map((c) => c.name.toLowerCase()));
	return columnsOf(expr).some((c) => names.has(c.name.toLowerCase()));
}

function planPython(
	...args: Parameters<NonNullable<ReturnType<typeof pythonStateSupport>>['planPythonState']>
) {
	const support = pythonStateSupport();
	if (!support)
		throw new PlanError(`This program is not supported on this page: ${NOT_LOADED}`, args[1].at);
	return support.planPythonState(...args);
}

export function buildPhysicalPlan(q: AnalyzedQuery): PhysicalPlan {
	const stateful: StatefulRuntime[] = [];
	const sourceNames = new Set<string>();
	const opById = new Map<number, StatefulOperator>(q.statefulOperators.map((o) => [o.nodeId, o]));
	const pushed = pushedFilters(q.root);
	const limits = new Map<number, { written: number }>();

	const build = (node: AnalyzedNode): NodeExec => {
		const p = node.plan;
		const kids = node.children.map(build);
		const child = kids[0];
		const childNode = node.children[0];
		const passWm = (g: number) => minWatermark(kids.map((k) => k.watermark(g)));
		const op = opById.get(node.id);
		if (op !== undefined) {
			const built =
				op.kind === 'join'
					? planJoin(node, op, kids, q)
					: op.kind === 'pythonState'
						? planPython(node, op, kids, q.conf)
						: op.kind === 'dedup' || op.kind === 'dedupWithinWatermark'
							? planDedup(node, op, kids)
							: planAggregate(node, op, kids, q);
			if (built.runtime !== null) stateful.push(built.runtime);
			return built.exec;
		}
		switch (p.op) {
			case 'Source': {
				const name = sourceName(node);
				if (node.streaming) sourceNames.add(name);
				const staticRows = (p.data?.rows ?? []) as Row[];
				return {
					// Operators never mutate their input arrays, so the batch's rows are shared.
					exec: node.streaming
						? (ctx) => (ctx.input.get(name) as Row[] | undefined) ?? []
						: () => staticRows.slice(),
					watermark: () => null
				};
			}
			case 'SubqueryAlias':
				return child as NodeExec;
			case 'Project':
				return {
					exec: planProject(p.exprs, childNode as AnalyzedNode, child as NodeExec),
					watermark: passWm
				};
			case 'Filter': {
				const cond = compile(p.condition, childNode as AnalyzedNode);
				const c = child as NodeExec;
				return {
					exec: (ctx) => c.exec(ctx).filter((r) => cond.eval(r) === true),
					watermark: passWm
				};
			}
			case 'Generate':
				return {
					exec: planGenerate(node, childNode as AnalyzedNode, child as NodeExec),
					watermark: passWm
				};
			case 'EventTimeWatermark': {
				const c = child as NodeExec;
				const idx = fieldIndex((childNode as AnalyzedNode).schema, p.column);
				if (idx < 0) throw new PlanError(`cannot resolve watermark column ${p.column}`, p.at);
				const below = pushed.get(node.id) ?? [];
				return {
					exec: (ctx) => {
						let rows = c.exec(ctx);
						if (below.length > 0) rows = rows.filter((r) => below.every((f) => f(r)));
						let stats = ctx.stats.get(node.id);
						if (stats === undefined) ctx.stats.set(node.id, (stats = emptyStats()));
						// EventTimeWatermarkExec: microseconds / 1000, truncated; kept in locals in the loop.
						let { max, min, sum, count } = stats;
						for (let i = 0; i < rows.length; i++) {
							const t = (rows[i] as Row)[idx];
							if (typeof t !== 'number') continue;
							const ms = Math.trunc(t / 1000);
							if (ms > max) max = ms;
							if (ms < min) min = ms;
							sum += ms;
							count++;
						}
						Object.assign(stats, { max, min, sum, count });
						return rows;
					},
					watermark: (g) => g
				};
			}
			case 'Union':
				return {
					exec: (ctx) => kids.flatMap((k) => k.exec(ctx)),
					watermark: passWm
				};
			case 'Sort': {
				const c = child as NodeExec;
				const orders = p.orders.map((o) => ({
					c: compile(o.expr, childNode as AnalyzedNode),
					asc: o.ascending
				}));
				return {
					exec: (ctx) => {
						const rows = c.exec(ctx);
						const keyed = rows.map((r) => ({ r, k: orders.map((o) => o.c.eval(r)) }));
						keyed.sort((a, b) => {
							for (let i = 0; i < orders.length; i++) {
								const o = orders[i] as { asc: boolean };
								const cmp = compareValues(a.k[i] as Value, b.k[i] as Value);
								if (cmp !== 0) return o.asc ? cmp : -cmp;
							}
							return 0;
						});
						return keyed.map((x) => x.r);
					},
					watermark: passWm
				};
			}
			case 'Limit': {
				const c = child as NodeExec;
				if (!node.streaming || q.outputMode === 'complete') {
					return { exec: (ctx) => c.exec(ctx).slice(0, p.n), watermark: passWm };
				}
				// StreamingGlobalLimitExec (append): counts rows written across batches.
				const counter = { written: 0 };
				limits.set(node.id, counter);
				return {
					exec: (ctx) => {
						const rows = c.exec(ctx).slice(0, Math.max(0, p.n - counter.written));
						counter.written += rows.length;
						return rows;
					},
					watermark: passWm
				};
			}
			case 'PythonState':
				throw new PlanError(
					'applyInPandasWithState / transformWithState on a batch DataFrame is not supported by the playground engine',
					p.at
				);
			case 'Join':
				// A stream-static join: stateless, the static side is re-read every batch (R5.4).
				return planJoin(node, null, kids, q).exec;
			case 'Aggregate':
			case 'Deduplicate': {
				// A batch (static) subtree, e.g. the static side of a stream-static join: it is
				// re-evaluated in full every micro-batch (R5.4), so its operator starts empty.
				const batchOp: StatefulOperator = {
					id: 0,
					kind: p.op === 'Aggregate' ? 'aggregate' : 'dedup',
					nodeId: node.id,
					at: p.at
				};
				const batchQuery = { ...q, outputMode: 'complete' as const };
				const make = () =>
					p.op === 'Aggregate'
						? planAggregate(node, batchOp, kids, batchQuery)
						: planDedup(node, batchOp, kids);
				make();
				return {
					exec: (ctx) => make().exec.exec({ ...ctx, metrics: [] }),
					watermark: () => null
				};
			}
		}
	};

	const root = build(q.root);
	stateful.sort((a, b) => a.op.id - b.op.id);
	return { root, stateful, sourceNames: [...sourceNames], limits };
}

function planProject(exprs: readonly Expr[], child: AnalyzedNode, c: NodeExec) {
	const evals: ((r: Row) => Value)[] = [];
	let windowAt = -1;
	let windows: ((r: Row) => { start: number; end: number }[]) | null = null;
	const sessionChecks: number[] = [];
	// pandas UDFs among the outputs run once per Arrow batch of the rows, before the rows.
	const prepares: ((rows: readonly Row[]) => void)[] = [];
	exprs.forEach((e, i) => {
		const w = windowParts(e, child);
		if (w !== null && windows === null) {
			windowAt = i;
			windows = w.windows;
			evals.push(() => null);
			return;
		}
		const inner = stripAlias(e);
		if (inner.kind === 'session_window') sessionChecks.push(i);
		const compiled = compile(e, child);
		if (compiled.prepare) prepares.push((rows) => compiled.prepare?.(rows));
		evals.push((r) => compiled.eval(r));
	});
	const n = evals.length;
	const plain = (r: Row): Value[] => {
		const out = new Array<Value>(n);
		for (let i = 0; i < n; i++) out[i] = (evals[i] as (r: Row) => Value)(r);
		return out;
	};
	// SessionWindowing adds `session IS NOT NULL AND session.end > session.start` (R3.2).
	const validSession = (row: Value[]): boolean =>
		sessionChecks.every((i) => {
			const s = row[i] as { start: number; end: number } | null;
			return s !== null && s.start !== null && s.end !== null && s.end > s.start;
		});
	const expand = windows as ((r: Row) => { start: number; end: number }[]) | null;
	return (ctx: BatchContext): Row[] => {
		const rows = c.exec(ctx);
		for (const p of prepares) p(rows);
		const out: Row[] = [];
		for (const r of rows) {
			const base = plain(r);
			if (sessionChecks.length > 0 && !validSession(base)) continue;
			if (expand === null) {
				out.push(base);
				continue;
			}
			// TimeWindowing expands a row into one row per window and drops NULL times.
			for (const w of expand(r)) {
				const copy = base.slice();
				copy[windowAt] = { start: w.start, end: w.end };
				out.push(copy);
			}
		}
		return out;
	};
}

function planGenerate(node: AnalyzedNode, child: AnalyzedNode, c: NodeExec) {
	const p = node.plan;
	if (p.op !== 'Generate') throw new PlanError('not a Generate node');
	const inner = stripAlias(p.generator);
	const arg = inner.kind === 'call' && inner.args.length === 1 ? (inner.args[0] as Expr) : inner;
	const gen = compile(arg, child);
	const keep = p.keep.map((e) => compile(e, child));
	// Catalyst's Generate outputs the kept columns, then the generated one.
	const genAt = p.keep.length;
	return (ctx: BatchContext): Row[] => {
		const out: Row[] = [];
		for (const r of c.exec(ctx)) {
			const arr = gen.eval(r);
			if (!Array.isArray(arr)) continue;
			ctx.budget?.charge('rows', arr.length);
			const kept = keep.map((k) => k.eval(r));
			for (const v of arr as Value[]) {
				const row = kept.slice();
				row.splice(genAt, 0, v);
				out.push(row);
			}
		}
		return out;
	};
}
