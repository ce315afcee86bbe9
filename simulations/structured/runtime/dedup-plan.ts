/**
 * Physical plan of streaming deduplication (StreamingDeduplicateExec and
 * StreamingDeduplicateWithinWatermarkExec; SPARK-SEMANTICS R5.2): which columns form the key
 * (all of them when none were named), which input column carries the watermark (late rows are
 * dropped by it even when it is not a key), and the delay that sets expiresAt within watermark.
 */
import type { AnalyzedNode, StatefulOperator } from '../analyzer/types';
import { dedupBatch, type DedupValue } from '../operators/dedupe';
import { StateStore, type StoreSnapshot } from '../operators/state-store';
import type { BatchContext, Row } from './context';
import { fieldIndex } from './expr-utils';
import type { NodeExec } from './physical';
import { PlanError } from './plan-errors';
import type { Built } from './aggregate-plan';

export function planDedup(
	node: AnalyzedNode,
	op: StatefulOperator,
	kids: readonly NodeExec[]
): Built {
	const p = node.plan;
	if (p.op !== 'Deduplicate') throw new PlanError('not a Deduplicate node');
	const childNode = node.children[0] as AnalyzedNode;
	const child = kids[0] as NodeExec;
	const keyIndices =
		op.keyIndices ??
		(p.keys.length === 0
			? childNode.schema.map((_, i) => i)
			: p.keys.map((k) => {
					const i = fieldIndex(childNode.schema, k);
					if (i < 0) throw new PlanError(`cannot resolve dropDuplicates column ${k}`, p.at);
					return i;
				}));
	const et = childNode.eventTime.find((c) => !c.window) ?? childNode.eventTime[0];
	const eventTimeIndex = et === undefined ? null : et.index;
	const within = p.withinWatermark;
	const spec = {
		keyIndices,
		eventTimeIndex,
		eventTimeInKeys: eventTimeIndex !== null && keyIndices.includes(eventTimeIndex),
		withinWatermarkDelayMs: within && et !== undefined ? et.delayMs : null
	};
	let store = new StateStore<DedupValue>();
	const inputWatermark = (g: number) => child.watermark(g);
	const exec = (ctx: BatchContext): Row[] => {
		const rows = child.exec(ctx);
		const late = inputWatermark(ctx.lateWatermarkMs);
		const evict = inputWatermark(ctx.evictionWatermarkMs);
		const res = dedupBatch(store, spec, rows, late, evict);
		const m = store.commit();
		ctx.metrics[op.id] = {
			...m,
			numRowsDroppedByWatermark: res.numRowsDroppedByWatermark,
			numDroppedDuplicateRows: res.numDroppedDuplicateRows,
			numOutputRows: res.rows.length,
			droppedRows: res.droppedRows,
			duplicateRows: res.duplicateRows
		};
		return res.rows;
	};
	return {
		exec: { exec, watermark: inputWatermark },
		runtime: {
			op,
			operatorName: within ? 'dedupeWithinWatermark' : 'dedupe',
			inputWatermark,
			wantsNoDataBatch: (n, last) => n > last,
			snapshot: () => store.snapshot(),
			restore: (s) => (store = StateStore.restore(s as StoreSnapshot<DedupValue>)),
			total: () => store.map.size
		}
	};
}
