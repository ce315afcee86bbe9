/**
 * Physical plan of streaming aggregation and session windows: how a batch's
 * rows become the operators' inputs. An aggregation first aggregates the batch per group key
 * (Spark's partial aggregation before the shuffle, which is why late rows are counted per group,
 * SPARK-SEMANTICS R4.4); a `window(...)` grouping expression expands a row into each window it
 * falls in (TimeWindowing's Expand). The state-side rules live in operators/.
 */
import type { AnalyzedNode, AnalyzedQuery, StatefulOperator } from '../analyzer/types';
import type { DataType, Expr, StructField, Value } from '../expr/ast';
import {
	aggregateFunction,
	compileExpr,
	outputName,
	type AggregateImpl,
	type AggState
} from '../expr/index';
import { aggregateBatch, type AggGroup } from '../operators/aggregate';
import { keyOf, keyPart } from '../operators/key';
import type { WindowSpec } from '../operators/window';
import { sessionBatch, type SessionGroup, type SessionInput } from '../operators/session-window';
import { StateStore, type StoreSnapshot } from '../operators/state-store';
import type { BatchContext, Row } from './context';
import { sameExpr, stripAlias } from './expr-utils';
import { compile, readsEventTime, windowParts, type NodeExec } from './physical';
import { PlanError, unwrap } from './plan-errors';
import type { StatefulRuntime } from './stateful';

export interface Built {
	readonly exec: NodeExec;
	readonly runtime: StatefulRuntime;
}

type Part =
	| { readonly kind: 'plain'; readonly eval: (r: Row) => Value }
	| {
			readonly kind: 'window';
			readonly windows: (r: Row) => { start: number; end: number }[];
			readonly timeOf: (r: Row) => number | null;
			readonly spec: WindowSpec;
	  }
	| { readonly kind: 'session'; readonly eval: (r: Row) => Value };

type Slot = { readonly from: 'key' | 'agg' | 'expr'; readonly i: number };

const isExpr = (v: unknown): v is Expr =>
	v !== null &&
	typeof v === 'object' &&
	!Array.isArray(v) &&
	typeof (v as { kind?: unknown }).kind === 'string';

const timeOfKey = (v: Value | undefined): number | null =>
	v === null || v === undefined
		? null
		: typeof v === 'number'
			? v
			: (((v as { end?: Value }).end as number | null) ?? null);

function groupName(g: Expr): string {
	return g.kind === 'alias' ? g.name : g.kind === 'col' ? g.name : outputName(g);
}

const WINDOW_STRUCT: DataType = {
	kind: 'struct',
	fields: [
		{ name: 'start', type: { kind: 'timestamp' } },
		{ name: 'end', type: { kind: 'timestamp' } }
	]
};

export function planAggregate(
	node: AnalyzedNode,
	op: StatefulOperator,
	kids: readonly NodeExec[],
	q: AnalyzedQuery
): Built {
	const p = node.plan;
	if (p.op !== 'Aggregate') throw new PlanError('not an Aggregate node');
	const childNode = node.children[0] as AnalyzedNode;
	const child = kids[0] as NodeExec;
	const mode = q.outputMode;

	const groupType = (g: Expr): DataType => {
		const inner = stripAlias(g);
		if (inner.kind === 'window' || inner.kind === 'session_window') return WINDOW_STRUCT;
		return compile(g, childNode).type;
	};
	const parts: Part[] = p.groupBy.map((g) => {
		const inner = stripAlias(g);
		if (inner.kind === 'session_window') {
			const c = compile(inner, childNode);
			return { kind: 'session', eval: (r: Row) => c.eval(r) };
		}
		const w = windowParts(g, childNode);
		if (w !== null) return { kind: 'window', ...w };
		const c = compile(g, childNode);
		return { kind: 'plain', eval: (r: Row) => c.eval(r) };
	});
	const sessionIndex = parts.findIndex((x) => x.kind === 'session');

	const aggs: AggregateImpl[] = [];
	const inputs: ((r: Row) => Value)[] = [];
	const addAgg = (inner: Extract<Expr, { kind: 'agg' }>): number => {
		const arg = inner.args[0];
		let input: (r: Row) => Value = () => 1;
		let type = null;
		if (arg !== undefined && arg.kind !== 'star') {
			const c = compile(arg, childNode);
			input = (r) => c.eval(r);
			type = c.type;
		}
		aggs.push(unwrap(aggregateFunction(inner.fn, inner.distinct, type), inner.at));
		inputs.push(input);
		return aggs.length - 1;
	};
	const groupIndex = (inner: Expr): number =>
		p.groupBy.findIndex(
			(g) =>
				sameExpr(stripAlias(g), inner) ||
				(inner.kind === 'col' && groupName(g).toLowerCase() === inner.name.toLowerCase())
		);
	// Output expressions over aggregates (`sum(v) / count(1)`, `max(t) - min(t)`) are evaluated
	// on the result row: each aggregate and grouping expression becomes a column of it.
	const general: { e: Expr; at: number }[] = [];
	const slots: Slot[] = p.aggregates.map((e) => {
		const inner = stripAlias(e);
		if (inner.kind === 'agg') return { from: 'agg', i: addAgg(inner) };
		const j = groupIndex(inner);
		if (j >= 0) return { from: 'key', i: j };
		const rewrite = (x: Expr): Expr => {
			if (x.kind === 'agg') return { kind: 'col', name: `__agg${addAgg(x)}` };
			const g = groupIndex(stripAlias(x));
			if (g >= 0 && x.kind !== 'lit') return { kind: 'col', name: `__key${g}` };
			if (x.kind === 'col') {
				const what = `expression ${outputName(e)}`;
				throw new PlanError(`${what} is neither in the group by nor an aggregate function`, e.at);
			}
			const out: Record<string, unknown> = {};
			for (const [k, v] of Object.entries(x)) {
				out[k] = Array.isArray(v)
					? v.map((y: unknown) =>
							Array.isArray(y)
								? y.map((z: unknown) => (isExpr(z) ? rewrite(z) : z))
								: isExpr(y)
									? rewrite(y)
									: y
						)
					: isExpr(v)
						? rewrite(v)
						: v;
			}
			return out as unknown as Expr;
		};
		general.push({ e: rewrite(e), at: general.length });
		return { from: 'expr', i: general.length - 1 };
	});
	const resultSchema: StructField[] = [
		...p.groupBy.map((g, j) => ({ name: `__key${j}`, type: groupType(g) })),
		...aggs.map((a, i) => ({ name: `__agg${i}`, type: a.type }))
	];
	const exprSlots = general.map((x) => unwrap(compileExpr(x.e, resultSchema), x.e.at));

	// The grouping key the watermark judges: a window over, or the column of, the event time.
	// Only a bare watermarked column or a window over one carries the watermark metadata
	// (Catalyst's delayKey): `CAST(eventTime AS LONG)` is an ordinary key, never evicted.
	const timeKey = p.groupBy.findIndex((g) => {
		const inner = stripAlias(g);
		if (inner.kind === 'window' || inner.kind === 'session_window') {
			return readsEventTime(inner.time, childNode);
		}
		return inner.kind === 'col' && readsEventTime(inner, childNode);
	});
	const keyTime = timeKey < 0 ? null : (k: readonly Value[]) => timeOfKey(k[timeKey]);
	const nAgg = aggs.length;
	const project = (row: readonly Value[]): Value[] => {
		const nk = parts.length;
		return slots.map((s) =>
			s.from === 'key'
				? (row[s.i] as Value)
				: s.from === 'agg'
					? (row[nk + s.i] as Value)
					: (exprSlots[s.i] as { eval: (r: readonly Value[]) => Value }).eval(row)
		);
	};

	const agg0 = aggs[0];
	const input0 = inputs[0];
	const partialUpdate = (g: AggGroup, r: Row) => {
		if (nAgg === 1) {
			g.b[0] = (agg0 as AggregateImpl).update(g.b[0] as AggState, (input0 as (r: Row) => Value)(r));
			return;
		}
		for (let i = 0; i < nAgg; i++) {
			g.b[i] = (aggs[i] as AggregateImpl).update(
				g.b[i] as AggState,
				(inputs[i] as (r: Row) => Value)(r)
			);
		}
	};
	const zero = (k: Value[]): AggGroup => ({ k, b: aggs.map((a) => a.zero()) });

	const inputWatermark = (g: number) => child.watermark(g);
	const wm = (ctx: BatchContext) => ({
		late: inputWatermark(ctx.lateWatermarkMs),
		evict: inputWatermark(ctx.evictionWatermarkMs)
	});

	if (sessionIndex >= 0) {
		let store = new StateStore<SessionGroup>();
		const others = parts.filter((_, i) => i !== sessionIndex);
		const sessionPart = parts[sessionIndex] as Extract<Part, { kind: 'session' }>;
		const exec = (ctx: BatchContext): Row[] => {
			const rows = child.exec(ctx);
			const ins: SessionInput[] = [];
			for (const r of rows) {
				const s = sessionPart.eval(r) as { start: number | null; end: number | null } | null;
				if (s === null || s.start === null || s.end === null || s.end <= s.start) continue;
				const k = others.map((x) => (x.kind === 'plain' ? x.eval(r) : null));
				ins.push({ key: keyOf(k), k, start: s.start, end: s.end, values: inputs.map((f) => f(r)) });
			}
			const { late, evict } = wm(ctx);
			const res = sessionBatch(store, { mode, aggs, sessionIndex }, ins, late, evict);
			const m = store.commit(res.total);
			ctx.metrics[op.id] = {
				...m,
				numRowsDroppedByWatermark: res.numRowsDroppedByWatermark,
				numOutputRows: res.rows.length,
				updatedRows: res.updatedRows,
				evictedRows: res.evictedRows,
				mergedRows: res.mergedRows,
				droppedRows: res.droppedRows
			};
			return res.rows.map(project);
		};
		return {
			exec: { exec, watermark: inputWatermark },
			runtime: {
				op,
				operatorName: 'sessionWindowStateStoreSaveExec',
				inputWatermark,
				wantsNoDataBatch: (n, last) => mode !== 'complete' && n > last,
				snapshot: () => store.snapshot(),
				restore: (s) => (store = StateStore.restore(s as StoreSnapshot<SessionGroup>)),
				total: () => [...store.map.values()].reduce((a, g) => a + g.sessions.length, 0)
			}
		};
	}

	let store = new StateStore<AggGroup>();
	const windowPart = parts.findIndex((x) => x.kind === 'window');
	const wp = windowPart < 0 ? null : (parts[windowPart] as Extract<Part, { kind: 'window' }>);
	const tumbling = wp !== null && wp.spec.durationUs === wp.spec.slideUs;
	/** The hot path for tumbling windows: groups are found through a map per window start and
	 *  a map on the other key columns' raw values (strings only when there are several), so no
	 *  key string is built per row; the state keys (keyOf) are made once per group. */
	const tumblingPartials = (rows: readonly Row[], partials: Map<string, AggGroup>) => {
		const w = wp as Extract<Part, { kind: 'window' }>;
		const { durationUs, slideUs, startUs } = w.spec;
		const timeOf = w.timeOf;
		const nk = parts.length;
		const others: number[] = [];
		for (let i = 0; i < nk; i++) if (i !== windowPart) others.push(i);
		type Plain = Extract<Part, { kind: 'plain' }>;
		const single = others.length === 1 ? (parts[others[0] as number] as Plain) : null;
		const byStart = new Map<number, Map<unknown, AggGroup>>();
		const vals = new Array<Value>(nk);
		for (const r of rows) {
			const t = timeOf(r);
			if (t === null) continue;
			const rem = (t - startUs) % slideUs;
			const start = t - (rem < 0 ? rem + slideUs : rem);
			let inner = byStart.get(start);
			if (inner === undefined) byStart.set(start, (inner = new Map()));
			let rk: unknown = 0;
			if (single !== null) {
				const v = single.eval(r);
				vals[others[0] as number] = v;
				rk = v !== null && typeof v === 'object' ? keyPart(v) : v;
			} else if (others.length > 1) {
				let key = '';
				for (const i of others) {
					const v = (parts[i] as Extract<Part, { kind: 'plain' }>).eval(r);
					vals[i] = v;
					key += '\u0001' + keyPart(v);
				}
				rk = key;
			}
			let g = inner.get(rk);
			if (g === undefined) {
				const k = vals.slice();
				k[windowPart] = { start, end: start + durationUs };
				inner.set(rk, (g = zero(k)));
			}
			partialUpdate(g, r);
		}
		for (const inner of byStart.values())
			for (const g of inner.values()) partials.set(keyOf(g.k), g);
	};
	const exec = (ctx: BatchContext): Row[] => {
		const rows = child.exec(ctx);
		// Each row becomes one row per window it falls in (Spark's Expand): counted up front.
		if (wp !== null)
			ctx.budget?.charge('rows', rows.length * Math.ceil(wp.spec.durationUs / wp.spec.slideUs));
		const partials = new Map<string, AggGroup>();
		const nk = parts.length;
		if (tumbling) tumblingPartials(rows, partials);
		else
			for (const r of rows) {
				const k = new Array<Value>(nk);
				for (let i = 0; i < nk; i++) {
					const part = parts[i] as Part;
					k[i] = part.kind === 'window' ? null : part.eval(r);
				}
				if (windowPart < 0) {
					const key = keyOf(k);
					let g = partials.get(key);
					if (g === undefined) partials.set(key, (g = zero(k)));
					partialUpdate(g, r);
					continue;
				}
				for (const w of (parts[windowPart] as Extract<Part, { kind: 'window' }>).windows(r)) {
					const kw = k.slice();
					kw[windowPart] = { start: w.start, end: w.end };
					const key = keyOf(kw);
					let g = partials.get(key);
					if (g === undefined) partials.set(key, (g = zero(kw)));
					partialUpdate(g, r);
				}
			}
		const { late, evict } = wm(ctx);
		const res = aggregateBatch(store, { mode, aggs, keyTime }, partials, late, evict);
		const m = store.commit();
		ctx.metrics[op.id] = {
			...m,
			numRowsDroppedByWatermark: res.numRowsDroppedByWatermark,
			numOutputRows: res.rows.length,
			updatedRows: res.updatedRows,
			evictedRows: res.evictedRows,
			droppedRows: res.droppedKeys
		};
		return res.rows.map(project);
	};
	return {
		exec: { exec, watermark: inputWatermark },
		runtime: {
			op,
			operatorName: 'stateStoreSave',
			inputWatermark,
			wantsNoDataBatch: (n, last) => mode !== 'complete' && n > last,
			snapshot: () => store.snapshot(),
			restore: (s) => (store = StateStore.restore(s as StoreSnapshot<AggGroup>)),
			total: () => store.map.size
		}
	};
}
