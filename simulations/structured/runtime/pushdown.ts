/**
 * Predicate pushdown below the watermark (Catalyst's PushPredicateThroughJoin and
 * PushPredicateThroughNonJoin). Spark's optimizer moves filters, and join conditions on one side
 * only (inner/left semi: both sides; left outer: the right side; right outer: the left side;
 * full outer: none), down through projections and through EventTimeWatermark when they do not
 * reference the event-time column. Rows they reject then never reach the watermark node, so
 * they do not move the watermark: observable in Spark's tests, so the engine reproduces it by
 * evaluating such predicates at the watermark node's input, through the projections between.
 */
import type { AnalyzedNode } from '../analyzer/types';
import type { Expr } from '../expr/ast';
import { compileExpr, type Compiled } from '../expr/index';
import { conjuncts } from '../operators/join-conditions';
import type { Row } from './context';
import { columnsOf, stripAlias } from './expr-utils';
import { makeSideOf } from './join-plan';

export type PushedFilters = Map<number, ((r: Row) => boolean)[]>;

function pushInto(at: AnalyzedNode, conjunct: Expr, out: PushedFilters): void {
	const etNames = new Set(at.eventTime.map((c) => c.name.toLowerCase()));
	if (columnsOf(conjunct).some((c) => etNames.has(c.name.toLowerCase()))) return;
	const pred = compileExpr(conjunct, at.schema);
	if (!pred.ok) return;
	const path: AnalyzedNode[] = [];
	let n = at;
	while (n.plan.op === 'Project' || n.plan.op === 'SubqueryAlias' || n.plan.op === 'Filter') {
		path.push(n);
		n = n.children[0] as AnalyzedNode;
	}
	if (n.plan.op !== 'EventTimeWatermark') return;
	const steps: (Compiled[] | null)[] = [];
	for (const node of path.reverse()) {
		if (node.plan.op !== 'Project') {
			steps.push(null);
			continue;
		}
		const child = node.children[0] as AnalyzedNode;
		const cs: Compiled[] = [];
		for (const e of node.plan.exprs) {
			// A sliding window expands a row into several: no longer a row-for-row projection.
			const w = stripAlias(e);
			if (w.kind === 'window' && w.slideUs !== w.durationUs) return;
			const c = compileExpr(e, child.schema);
			if (!c.ok) return;
			cs.push(c.value);
		}
		steps.push(cs);
	}
	const p = pred.value;
	const f = (r: Row): boolean => {
		let row = r;
		for (const s of steps) if (s !== null) row = s.map((c) => c.eval(row));
		return p.eval(row) === true;
	};
	const list = out.get(n.id);
	if (list) list.push(f);
	else out.set(n.id, [f]);
}

export function pushedFilters(root: AnalyzedNode): PushedFilters {
	const out: PushedFilters = new Map();
	const visit = (node: AnalyzedNode): void => {
		const p = node.plan;
		if (p.op === 'Filter') {
			for (const c of conjuncts(p.condition)) pushInto(node.children[0] as AnalyzedNode, c, out);
		}
		if (p.op === 'Join' && node.children.every((c) => c.streaming)) {
			const [l, r] = node.children as [AnalyzedNode, AnalyzedNode];
			const sideOf = makeSideOf(l.schema, r.schema);
			const toLeft =
				p.joinType === 'inner' || p.joinType === 'left_semi' || p.joinType === 'right_outer';
			const toRight =
				p.joinType === 'inner' || p.joinType === 'left_semi' || p.joinType === 'left_outer';
			for (const c of conjuncts(p.condition)) {
				const sides = new Set(columnsOf(c).map(sideOf));
				if (sides.size !== 1) continue;
				if (toLeft && sides.has('L')) pushInto(l, c, out);
				if (toRight && sides.has('R')) pushInto(r, c, out);
			}
		}
		node.children.forEach(visit);
	};
	visit(root);
	return out;
}
