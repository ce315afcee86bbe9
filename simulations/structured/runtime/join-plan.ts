/**
 * Physical plan of a join. The condition is split as Catalyst's ExtractEquiJoinKeys and
 * StreamingSymmetricHashJoinHelper.JoinConditionSplitPredicates do: equalities between a
 * left-only and a right-only expression become hash keys; conjuncts on one side only become that
 * side's pre-join filter; the rest is checked on each joined pair. State cleanup follows R5.3: a
 * watermarked join key gives a key predicate, otherwise a range condition gives a value
 * predicate. A join with a static side is stateless and re-reads the static rows (R5.4).
 */
import type { AnalyzedNode, AnalyzedQuery, StatefulOperator } from '../analyzer/types';
import type { Expr, StructField, Value } from '../expr/ast';
import { compileExpr } from '../expr/index';
import type { JoinType } from '../plan';
import { hasNull, keyOf } from '../operators/key';
import { conjuncts, stateValueWatermark, type Side } from '../operators/join-conditions';
import { hasStateCleanup, joinBatch, type JoinEntry, type JoinSideSpec } from '../operators/join';
import { StateStore, type StoreSnapshot } from '../operators/state-store';
import type { BatchContext, Row } from './context';
import { columnsOf, fieldIndex, stripAlias } from './expr-utils';
import { minWatermark, type NodeExec } from './physical';
import { PlanError, unwrap } from './plan-errors';
import type { StatefulRuntime } from './stateful';
import { minOf } from '../../core/arrays';

type Col = Extract<Expr, { kind: 'col' }>;

export function makeSideOf(left: readonly StructField[], right: readonly StructField[]) {
	return (c: Col): Side | null => {
		const l = compileExpr(c, left).ok;
		const r = compileExpr(c, right).ok;
		return l && !r ? 'L' : r && !l ? 'R' : null;
	};
}

interface SplitCondition {
	readonly leftKeys: ((r: Row) => Value)[];
	readonly rightKeys: ((r: Row) => Value)[];
	readonly leftKeyExprs: Expr[];
	readonly rightKeyExprs: Expr[];
	readonly leftOnly: Expr[];
	readonly rightOnly: Expr[];
	readonly both: Expr[];
}

function split(node: AnalyzedNode, l: AnalyzedNode, r: AnalyzedNode): SplitCondition {
	const p = node.plan;
	if (p.op !== 'Join') throw new PlanError('not a Join node');
	const sideOf = makeSideOf(l.schema, r.schema);
	const out: SplitCondition = {
		leftKeys: [],
		rightKeys: [],
		leftKeyExprs: [],
		rightKeyExprs: [],
		leftOnly: [],
		rightOnly: [],
		both: []
	};
	const key = (le: Expr, re: Expr) => {
		const lc = unwrap(compileExpr(le, l.schema), le.at);
		const rc = unwrap(compileExpr(re, r.schema), re.at);
		out.leftKeys.push((row) => lc.eval(row));
		out.rightKeys.push((row) => rc.eval(row));
		out.leftKeyExprs.push(le);
		out.rightKeyExprs.push(re);
	};
	for (const name of p.using) {
		const li = fieldIndex(l.schema, name);
		const ri = fieldIndex(r.schema, name);
		if (li < 0 || ri < 0) throw new PlanError(`USING column \`${name}\` cannot be resolved`, p.at);
		key(
			{ kind: 'col', name: (l.schema[li] as StructField).name },
			{ kind: 'col', name: (r.schema[ri] as StructField).name }
		);
	}
	const sidesOf = (e: Expr): Set<Side | null> => new Set(columnsOf(e).map(sideOf));
	for (const c of conjuncts(p.condition)) {
		if (c.kind === 'binary' && c.op === '=') {
			const a = sidesOf(c.left);
			const b = sidesOf(c.right);
			const only = (s: Set<Side | null>, x: Side) => s.size === 1 && s.has(x);
			if (only(a, 'L') && only(b, 'R')) {
				key(c.left, c.right);
				continue;
			}
			if (only(a, 'R') && only(b, 'L')) {
				key(c.right, c.left);
				continue;
			}
		}
		const s = sidesOf(c);
		if (s.size === 1 && s.has('L')) out.leftOnly.push(c);
		else if (s.size === 1 && s.has('R')) out.rightOnly.push(c);
		else out.both.push(c);
	}
	return out;
}

const and = (es: readonly Expr[]): Expr | null =>
	es.length === 0 ? null : es.reduce((a, b) => ({ kind: 'binary', op: 'AND', left: a, right: b }));

function predicate(
	es: readonly Expr[],
	schema: readonly StructField[]
): ((r: Row) => boolean) | null {
	const e = and(es);
	if (e === null) return null;
	const c = unwrap(compileExpr(e, schema), e.at);
	return (r) => c.eval(r) === true;
}

/** Builds output rows in the join's schema: USING keys first (coalesced for full outer). */
function outputBuilder(node: AnalyzedNode, l: AnalyzedNode, r: AnalyzedNode) {
	const p = node.plan;
	if (p.op !== 'Join') throw new PlanError('not a Join node');
	const type: JoinType = p.joinType;
	const nl = l.schema.length;
	const nr = r.schema.length;
	if (type === 'left_semi' || type === 'left_anti') {
		return (left: Row | null): Value[] => (left as Row).slice();
	}
	if (p.using.length === 0) {
		return (left: Row | null, right: Row | null): Value[] => [
			...(left ?? new Array<Value>(nl).fill(null)),
			...(right ?? new Array<Value>(nr).fill(null))
		];
	}
	const li = p.using.map((n) => fieldIndex(l.schema, n));
	const ri = p.using.map((n) => fieldIndex(r.schema, n));
	const lRest = l.schema.map((_, i) => i).filter((i) => !li.includes(i));
	const rRest = r.schema.map((_, i) => i).filter((i) => !ri.includes(i));
	return (left: Row | null, right: Row | null): Value[] => {
		const keys = li.map((x, k) => {
			const lv = left === null ? null : (left[x] as Value);
			const rv = right === null ? null : (right[ri[k] as number] as Value);
			if (type === 'right_outer') return rv;
			if (type === 'full_outer') return lv ?? rv;
			return lv;
		});
		return [
			...keys,
			...lRest.map((i) => (left === null ? null : (left[i] as Value))),
			...rRest.map((i) => (right === null ? null : (right[i] as Value)))
		];
	};
}

function eventTimeIndex(n: AnalyzedNode): number | null {
	if (n.eventTime.length === 0) return null;
	return minOf(n.eventTime.map((c) => c.index));
}

export function planJoin(
	node: AnalyzedNode,
	op: StatefulOperator | null,
	kids: readonly NodeExec[],
	q: AnalyzedQuery
): { exec: NodeExec; runtime: StatefulRuntime | null } {
	const p = node.plan;
	if (p.op !== 'Join') throw new PlanError('not a Join node');
	const [l, r] = node.children as [AnalyzedNode, AnalyzedNode];
	const [lk, rk] = kids as [NodeExec, NodeExec];
	const sc = split(node, l, r);
	const output = outputBuilder(node, l, r);
	const lKeys = (row: Row) => sc.leftKeys.map((f) => f(row));
	const rKeys = (row: Row) => sc.rightKeys.map((f) => f(row));
	const concat = [...l.schema, ...r.schema];
	const post = predicate(sc.both, concat);
	const postFilter = post === null ? null : (a: Row, b: Row) => post([...a, ...b]);
	const pre = { L: predicate(sc.leftOnly, l.schema), R: predicate(sc.rightOnly, r.schema) };
	const inputWm = (g: number) => minWatermark([lk.watermark(g), rk.watermark(g)]);

	if (op === null) {
		const staticJoin = (ctx: BatchContext): Row[] => {
			const lr = lk.exec(ctx);
			const rr = rk.exec(ctx);
			const index = new Map<string, { row: Row; matched: boolean }[]>();
			const rightEntries = rr.map((row) => ({ row, matched: false }));
			for (const e of rightEntries) {
				const k = rKeys(e.row);
				if (hasNull(k) || (pre.R && !pre.R(e.row))) continue;
				const key = keyOf(k);
				const list = index.get(key);
				if (list) list.push(e);
				else index.set(key, [e]);
			}
			const out: Row[] = [];
			for (const row of lr) {
				const k = lKeys(row);
				const cands = hasNull(k) || (pre.L && !pre.L(row)) ? [] : (index.get(keyOf(k)) ?? []);
				let matched = false;
				for (const e of cands) {
					if (postFilter && !postFilter(row, e.row)) continue;
					matched = true;
					e.matched = true;
					if (p.joinType === 'left_semi' || p.joinType === 'left_anti') break;
					out.push(output(row, e.row));
				}
				if (p.joinType === 'left_semi' && matched) out.push(output(row, null));
				if (p.joinType === 'left_anti' && !matched) out.push(output(row, null));
				if (!matched && (p.joinType === 'left_outer' || p.joinType === 'full_outer'))
					out.push(output(row, null));
			}
			if (p.joinType === 'right_outer' || p.joinType === 'full_outer') {
				for (const e of rightEntries) if (!e.matched) out.push(output(null, e.row));
			}
			return out;
		};
		return { exec: { exec: staticJoin, watermark: inputWm }, runtime: null };
	}

	const sideOf = makeSideOf(l.schema, r.schema);
	const keyTimeOrdinal = (() => {
		const isTimeCol = (e: Expr, n: AnalyzedNode) => {
			const s = stripAlias(e);
			return (
				s.kind === 'col' && n.eventTime.some((c) => c.name.toLowerCase() === s.name.toLowerCase())
			);
		};
		const i = sc.leftKeyExprs.findIndex((e) => isTimeCol(e, l));
		return i >= 0
			? i
			: (() => {
					const j = sc.rightKeyExprs.findIndex((e) => isTimeCol(e, r));
					return j >= 0 ? j : null;
				})();
	})();
	const lEt = eventTimeIndex(l);
	const rEt = eventTimeIndex(r);
	const valueWm = (state: Side): ((w: number) => number) | null => {
		if (keyTimeOrdinal !== null || lEt === null || rEt === null) return null;
		const sCol = (state === 'L' ? l : r).schema[state === 'L' ? lEt : rEt] as StructField;
		const oCol = (state === 'L' ? r : l).schema[state === 'L' ? rEt : lEt] as StructField;
		return stateValueWatermark(p.condition, state, sCol.name, oCol.name, sideOf);
	};
	const left: JoinSideSpec = {
		keys: lKeys,
		eventTimeIndex: lEt,
		preFilter: pre.L,
		keyTimeOrdinal: lEt === null && rEt === null ? null : keyTimeOrdinal,
		stateValueWatermark: valueWm('L')
	};
	const right: JoinSideSpec = {
		keys: rKeys,
		eventTimeIndex: rEt,
		preFilter: pre.R,
		keyTimeOrdinal: left.keyTimeOrdinal,
		stateValueWatermark: valueWm('R')
	};
	const spec = { joinType: p.joinType, left, right, postFilter, output };
	let stores = { left: new StateStore<JoinEntry[]>(), right: new StateStore<JoinEntry[]>() };
	const outputWm = (g: number) => {
		const w = inputWm(g);
		if (w === null) return null;
		return minWatermark([
			w,
			left.stateValueWatermark?.(w) ?? null,
			right.stateValueWatermark?.(w) ?? null
		]);
	};
	const exec = (ctx: BatchContext): Row[] => {
		const lr = lk.exec(ctx);
		const rr = rk.exec(ctx);
		const late = inputWm(ctx.lateWatermarkMs);
		const evict = inputWm(ctx.evictionWatermarkMs);
		const res = joinBatch(stores, spec, lr, rr, late, evict);
		const ml = stores.left.commit();
		const mr = stores.right.commit();
		ctx.metrics[op.id] = {
			numRowsTotal: res.total,
			numRowsUpdated: ml.numRowsUpdated + mr.numRowsUpdated,
			numRowsRemoved: ml.numRowsRemoved + mr.numRowsRemoved,
			numRowsDroppedByWatermark: res.numRowsDroppedByWatermark,
			numOutputRows: res.rows.length,
			droppedRows: res.droppedRows,
			joinTrace: res.trace
		};
		return res.rows;
	};
	const cleanup = hasStateCleanup(left) || hasStateCleanup(right);
	void q;
	return {
		exec: { exec, watermark: outputWm },
		runtime: {
			op,
			operatorName: 'symmetricHashJoin',
			inputWatermark: inputWm,
			wantsNoDataBatch: (n, last) => cleanup && n > last,
			snapshot: () => ({ left: stores.left.snapshot(), right: stores.right.snapshot() }),
			restore: (s) => {
				const snap = s as { left: StoreSnapshot<JoinEntry[]>; right: StoreSnapshot<JoinEntry[]> };
				stores = { left: StateStore.restore(snap.left), right: StateStore.restore(snap.right) };
			},
			total: () => {
				let t = 0;
				for (const x of stores.left.map.values()) t += x.length;
				for (const x of stores.right.map.values()) t += x.length;
				return t;
			}
		}
	};
}
