/**
 * The runtime face of one stateful operator (StateStoreWriter): its stores, the progress name
 * Spark gives it (stateStoreSave, sessionWindowStateStoreSaveExec, dedupe,
 * dedupeWithinWatermark, symmetricHashJoin; SPARK-SEMANTICS R1.6.5), its input watermark as a
 * function of the global one (R5.7), whether a new watermark makes it want a no-data batch
 * (R1.5), and JSON snapshots of its committed state for restart (R1.3).
 */
import type { StatefulOperator } from '../analyzer/types';

export interface StatefulRuntime {
	readonly op: StatefulOperator;
	readonly operatorName: string;
	/** The operator's input watermark for a global watermark (null: no watermark reaches it). */
	readonly inputWatermark: (globalMs: number) => number | null;
	/** shouldRunAnotherBatch for a new input watermark vs the eviction watermark it last used. */
	readonly wantsNoDataBatch: (newInputMs: number, lastEvictionMs: number) => boolean;
	/** True for an operator that wants a no-data batch at every trigger (processing-time
	 *  timeouts and timers: FlatMapGroupsWithStateExec.shouldRunAnotherBatch). */
	readonly alwaysWantsNoDataBatch?: boolean;
	/** What the operator's last batch did, for the page (the Python calls per key). */
	trace?(): unknown;
	snapshot(): unknown;
	restore(snapshot: unknown): void;
	/** Rows held in state now (numRowsTotal). */
	total(): number;
}
