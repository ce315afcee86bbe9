/**
 * The stateful operators of a streaming plan, source to sink: streaming aggregations
 * (StateStoreSaveExec, or the session-window variant), deduplications, stream-stream joins
 * (StreamingSymmetricHashJoinExec). Stream-static joins and batch subtrees hold no state.
 * Each carries the keys its state is evicted by (R4.6).
 */
import type { Expr, StructField } from '../expr/ast';
import type { Plan } from '../plan';
import { lookup } from './exprs';
import { joinInfo } from './join';
import type { AnalyzedNode, StatefulOperator } from './types';

const isSession = (groupBy: readonly Expr[]): boolean =>
	groupBy.some((g) => (g.kind === 'alias' ? g.expr : g).kind === 'session_window');

/** Source to sink, defined as the reverse of Spark's StreamingQueryProgress.stateOperators
 *  order (`executedPlan.collect`, a pre-order walk: sink first, children left to right), which
 *  is how FORMAT.md's per-operator lists are written. In a chain that is plain source→sink; under
 *  a join of two stateful inputs the right input's operator comes before the left's. */
export function collectStateful(root: AnalyzedNode): {
	ops: StatefulOperator[];
	nodes: Map<number, AnalyzedNode>;
} {
	const preorder: AnalyzedNode[] = [];
	const visit = (n: AnalyzedNode): void => {
		preorder.push(n);
		for (const c of n.children) visit(c);
	};
	visit(root);
	const ops: StatefulOperator[] = [];
	const nodes = new Map<number, AnalyzedNode>();
	for (const n of preorder.reverse()) {
		const op = describeOp(n, ops.length);
		if (op) {
			ops.push(op);
			nodes.set(n.id, n);
		}
	}
	return { ops, nodes };
}

function describeOp(n: AnalyzedNode, id: number): StatefulOperator | null {
	const p: Plan = n.plan;
	const child = n.children[0];
	if (!n.streaming || !child) return null;
	switch (p.op) {
		case 'Aggregate': {
			const key = n.eventTime.find((e) => e.index < p.groupBy.length);
			return {
				id,
				kind: isSession(p.groupBy) ? 'session' : 'aggregate',
				nodeId: n.id,
				at: p.at,
				groupBy: p.groupBy,
				...(key ? { eventTimeKey: key } : {})
			};
		}
		case 'Deduplicate': {
			const keyIndices =
				p.keys.length === 0
					? [...child.schema.keys()]
					: p.keys.flatMap((k) => lookup(child.schema, k).slice(0, 1));
			const key = p.withinWatermark
				? child.eventTime[0]
				: child.eventTime.find((e) => keyIndices.includes(e.index));
			return {
				id,
				kind: p.withinWatermark ? 'dedupWithinWatermark' : 'dedup',
				nodeId: n.id,
				at: p.at,
				keyIndices,
				...(key ? { eventTimeKey: key } : {})
			};
		}
		case 'PythonState':
			return { id, kind: 'pythonState', nodeId: n.id, at: p.at, groupBy: p.groupBy };
		case 'Join': {
			const [l, r] = n.children;
			if (!l?.streaming || !r?.streaming) return null;
			const info = joinInfo(n as AnalyzedNode & { plan: Plan & { op: 'Join' } });
			return { id, kind: 'join', nodeId: n.id, at: p.at, join: info };
		}
		default:
			return null;
	}
}

export type { StructField };
