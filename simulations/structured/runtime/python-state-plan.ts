/**
 * Physical plan of arbitrary state running the user's Python (PythonState nodes):
 * applyInPandasWithState (FlatMapGroupsInPandasWithStateExec) and transformWithStateInPandas
 * (TransformWithStateInPandasExec). The store holds one entry per key; a batch computes on a copy
 * and commits it only when every call succeeded. Under ProcessingTimeTimeout (or a processor
 * with processing-time timers) the operator always asks for a no-data batch; under
 * EventTimeTimeout when the watermark moved (FlatMapGroupsWithStateExec.shouldRunAnotherBatch).
 */
import type { AnalyzedNode, StatefulOperator } from '../analyzer/types';
import type { StructField, Value } from '../expr/ast';
import { PyFunction, type PyValue as Py } from '../../python/values';
import { StateStore, type StoreSnapshot } from '../operators/state-store';
import {
	applyInPandasBatch,
	type PythonCall,
	type StateEntry
} from '../stateful-python/apply-in-pandas';
import { processorBatch, type ProcessorState } from '../stateful-python/processor';
import type { BatchContext, Row } from './context';
import { ExprRuntimeError } from '../expr/runtime-error';
import { compile, type NodeExec } from './physical';
import { PlanError } from './plan-errors';
import type { Built } from './aggregate-plan';

type Node = AnalyzedNode & { plan: { op: 'PythonState' } };

const PROVIDER_CONF = 'spark.sql.streaming.stateStore.providerClass';

/** transformWithState keeps each state variable in its own column family, which only the RocksDB
 *  provider has: under the default HDFSBackedStateStoreProvider the first batch fails as it opens
 *  the store (HDFSBackedStateStoreProvider.init; observed on PySpark 4.1.4). */
const supportsColumnFamilies = (conf: Readonly<Record<string, string>>): boolean =>
	(conf[PROVIDER_CONF] ?? '').trim().endsWith('.RocksDBStateStoreProvider');

const multipleColumnFamiliesUnsupported = (): ExprRuntimeError =>
	new ExprRuntimeError(
		'UNSUPPORTED_FEATURE.STATE_STORE_MULTIPLE_COLUMN_FAMILIES',
		'The feature is not supported: Creating multiple column families with HDFSBackedStateStoreProvider is not supported.'
	);

/** The calls of the last batch, for the page's per-key view. */
export interface PythonStateTrace {
	readonly calls: readonly PythonCall[];
}

export function planPythonState(
	node: AnalyzedNode,
	op: StatefulOperator,
	kids: readonly NodeExec[],
	conf: Readonly<Record<string, string>>
): Built {
	const p = (node as Node).plan;
	if (p.op !== 'PythonState') throw new PlanError('not a PythonState node');
	const childNode = node.children[0] as AnalyzedNode;
	const child = kids[0] as NodeExec;
	const keyExprs = p.groupBy.map((g) => compile(g, childNode));
	const keyFields: StructField[] = keyExprs.map((c) => ({ name: c.name, type: c.type }));
	const keyOf = (r: Row): Value[] => keyExprs.map((c) => c.eval(r));
	const et = childNode.eventTime.find((c) => !c.window);
	const inputWatermark = (g: number) => child.watermark(g);
	const isPandasState = p.api === 'applyInPandasWithState';
	const maxRecords = Number(
		conf[
			isPandasState
				? 'spark.sql.execution.arrow.maxRecordsPerBatch'
				: 'spark.sql.execution.arrow.transformWithStateInPandas.maxRecordsPerBatch'
		] ?? 10000
	);
	let store = new StateStore<StateEntry | ProcessorState>();
	const processingTime = p.timeout === 'ProcessingTimeTimeout';
	const noColumnFamilies = !isPandasState && !supportsColumnFamilies(conf);

	const exec = (ctx: BatchContext): Row[] => {
		// The first batch opens the operator's state store, and the default provider refuses.
		if (noColumnFamilies) throw multipleColumnFamiliesUnsupported();
		const rows = child.exec(ctx);
		const late = inputWatermark(ctx.lateWatermarkMs);
		const evict = inputWatermark(ctx.evictionWatermarkMs);
		const batch = {
			batchTimestampMs: ctx.batchTimestampMs ?? 0,
			lateWatermarkMs: late,
			evictionWatermarkMs: evict
		};
		const common = {
			src: p.src,
			inputSchema: childNode.schema,
			keyFields,
			keyOf,
			outputSchema: p.outputSchema,
			timeout: p.timeout,
			maxRecordsPerBatch: maxRecords,
			eventTimeIndex: et?.index ?? null
		};
		const res = isPandasState
			? applyInPandasBatch(
					{
						...common,
						name: (p.udf as PyFunction).name,
						call: (k, chunks, state) => (p.udf as PyFunction).invoke([k, chunks, state], new Map()),
						stateSchema: p.stateSchema
					},
					store.map as Map<string, StateEntry>,
					rows,
					batch
				)
			: processorBatch(
					{ ...common, processor: p.udf as Py, api: p.api },
					store.map as Map<string, ProcessorState>,
					rows,
					batch
				);
		// Commit: the new entries replace the store's (StateStore.commit), as one version.
		store.map.clear();
		for (const [k, v] of res.entries) store.map.set(k, v);
		store.countUpdates(res.numRowsUpdated, res.numRowsRemoved);
		const m = store.commit();
		ctx.metrics[op.id] = {
			...m,
			numRowsDroppedByWatermark: res.numRowsDroppedByWatermark,
			numOutputRows: res.output.length,
			updatedRows: res.calls.map((c) => [...c.key, c.inputRows, c.timedOut] as Value[])
		};
		lastCalls = res.calls;
		return res.output;
	};
	let lastCalls: readonly PythonCall[] = [];
	return {
		exec: { exec, watermark: inputWatermark },
		runtime: {
			op,
			operatorName: isPandasState ? 'applyInPandasWithState' : 'transformWithStateInPandasExec',
			inputWatermark,
			wantsNoDataBatch: (n, last) => p.timeout === 'EventTimeTimeout' && n > last,
			alwaysWantsNoDataBatch: processingTime,
			snapshot: () => store.snapshot(),
			restore: (s) => (store = StateStore.restore(s as StoreSnapshot<StateEntry | ProcessorState>)),
			total: () => store.map.size,
			trace: () => ({ calls: lastCalls })
		}
	};
}
