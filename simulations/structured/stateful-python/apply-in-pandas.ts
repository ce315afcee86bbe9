/**
 * One micro-batch of applyInPandasWithState (FlatMapGroupsInPandasWithStateExec over
 * FlatMapGroupsWithStateExecHelper; SPARK-SEMANTICS R5.3): first every key with new rows is
 * called with them (in Arrow chunks) and `hasTimedOut` false; then every key in the store whose
 * timeout timestamp is set and below the threshold (the batch's processing time under
 * ProcessingTimeTimeout, the eviction watermark under EventTimeTimeout) is called with no rows
 * and `hasTimedOut` true. After each call: a removed state with no timeout is deleted; otherwise
 * the row is written when the state was updated or removed or its timeout changed. Under
 * EventTimeTimeout rows at or below the late-event watermark are dropped first.
 *
 * The batch works on a copy of the store and hands back the new entries: a batch that fails
 * (the function raised) leaves the committed state as it was, as StateStore.abort does.
 */
import type { PyValue as Py } from '../../python/values';
import { PyTuple } from '../../python/values';
import type { StructField, Value } from '../expr/ast';
import type { Row } from '../runtime/context';
import { chunksOf, keyTuple, outputRows, pythonCall } from './calls';
import { GroupStateHost, NO_TIMESTAMP, type TimeoutConf } from './group-state';
import { PyIterable } from '../../python/values';

/** Input rows a call keeps for the page to show. */
const SHOWN_INPUT_ROWS = 4;

export interface StateEntry {
	readonly key: readonly Value[];
	/** The state row, or null for a removed state kept only for its timeout. */
	readonly value: readonly Value[] | null;
	readonly timeoutMs: number;
}

/** One call of the user's function, for the page and the trace. */
export interface PythonCall {
	readonly key: readonly Value[];
	readonly inputRows: number;
	/** The first rows the call was given (a page shows them; the count says how many in all). */
	readonly input?: readonly Row[];
	readonly timedOut: boolean;
	readonly before: readonly Value[] | null;
	readonly after: readonly Value[] | null;
	readonly timeoutMs: number;
	readonly emitted: readonly Row[];
}

export interface ApplySpec {
	readonly call: (key: Py, chunks: Py, state: GroupStateHost) => Py;
	readonly src: string;
	readonly name: string;
	readonly inputSchema: readonly StructField[];
	readonly keyFields: readonly StructField[];
	readonly keyOf: (r: Row) => Value[];
	readonly stateSchema: readonly StructField[];
	readonly outputSchema: readonly StructField[];
	readonly timeout: TimeoutConf;
	readonly maxRecordsPerBatch: number;
	/** The input's event-time column (index), for dropping late rows under EventTimeTimeout. */
	readonly eventTimeIndex: number | null;
}

export interface ApplyBatch {
	readonly batchTimestampMs: number;
	/** The operator's late-event and eviction watermarks; null when no watermark reaches it. */
	readonly lateWatermarkMs: number | null;
	readonly evictionWatermarkMs: number | null;
}

export interface ApplyResult {
	readonly entries: Map<string, StateEntry>;
	readonly output: Row[];
	readonly calls: PythonCall[];
	readonly numRowsUpdated: number;
	readonly numRowsRemoved: number;
	readonly numRowsDroppedByWatermark: number;
}

export function applyInPandasBatch(
	spec: ApplySpec,
	committed: ReadonlyMap<string, StateEntry>,
	rows: readonly Row[],
	b: ApplyBatch
): ApplyResult {
	const entries = new Map(committed);
	let dropped = 0;
	let input = rows;
	const late = b.lateWatermarkMs;
	if (spec.timeout === 'EventTimeTimeout' && late !== null && spec.eventTimeIndex !== null) {
		const i = spec.eventTimeIndex;
		input = rows.filter((r) => {
			const t = r[i];
			const isLate = typeof t === 'number' && t <= late * 1000;
			if (isLate) dropped++;
			return !isLate;
		});
	}
	const groups = new Map<string, { key: Value[]; rows: Row[] }>();
	for (const r of input) {
		const key = spec.keyOf(r);
		const k = JSON.stringify(key);
		const g = groups.get(k);
		if (g) g.rows.push(r);
		else groups.set(k, { key, rows: [r] });
	}
	const output: Row[] = [];
	const calls: PythonCall[] = [];
	let updated = 0;
	let removed = 0;
	const run = (k: string, key: Value[], keyRows: readonly Row[], timedOut: boolean) => {
		const old = entries.get(k);
		const state = new GroupStateHost({
			value: old?.value ?? null,
			batchTimestampMs: b.batchTimestampMs,
			watermarkMs: b.evictionWatermarkMs ?? NO_TIMESTAMP,
			watermarkPresent: b.evictionWatermarkMs !== null,
			timeout: spec.timeout,
			hasTimedOut: timedOut,
			schema: spec.stateSchema
		});
		const chunks = new PyIterable(
			chunksOf(keyRows, spec.inputSchema, spec.maxRecordsPerBatch),
			'generator'
		);
		const emitted = pythonCall(spec.src, spec.name, () =>
			outputRows(
				spec.call(new PyTuple(keyTuple(key, spec.keyFields)), chunks, state),
				spec.outputSchema,
				'applyInPandasWithState'
			)
		);
		output.push(...emitted);
		const oldTimeout = old?.timeoutMs ?? NO_TIMESTAMP;
		if (state.removed && state.timeoutTimestamp === NO_TIMESTAMP) {
			if (entries.delete(k)) removed++;
		} else if (state.updated || state.removed || state.timeoutTimestamp !== oldTimeout) {
			entries.set(k, { key, value: state.value, timeoutMs: state.timeoutTimestamp });
			updated++;
		}
		calls.push({
			key,
			inputRows: keyRows.length,
			input: keyRows.slice(0, SHOWN_INPUT_ROWS),
			timedOut,
			before: old?.value ?? null,
			after: entries.get(k)?.value ?? null,
			timeoutMs: entries.get(k)?.timeoutMs ?? NO_TIMESTAMP,
			emitted
		});
	};
	for (const [k, g] of groups) run(k, g.key, g.rows, false);
	const threshold =
		spec.timeout === 'ProcessingTimeTimeout'
			? b.batchTimestampMs
			: spec.timeout === 'EventTimeTimeout'
				? b.evictionWatermarkMs
				: null;
	if (threshold !== null) {
		for (const [k, e] of [...entries]) {
			if (e.timeoutMs !== NO_TIMESTAMP && e.timeoutMs < threshold) run(k, [...e.key], [], true);
		}
	}
	return {
		entries,
		output,
		calls,
		numRowsUpdated: updated,
		numRowsRemoved: removed,
		numRowsDroppedByWatermark: dropped
	};
}
