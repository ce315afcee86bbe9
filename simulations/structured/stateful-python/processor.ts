/**
 * One micro-batch of transformWithStateInPandas / transformWithState (TransformWithStateInPandasExec,
 * TransformWithStateExec): the processor (a fresh copy of the instance the driver built, as each
 * task unpickles one) gets `init(handle)`, then `handleInputRows(key, rows, timerValues)` for
 * every key with rows (pandas chunks of `maxRecordsPerBatch`; Row objects for the Row-based API),
 * then `handleExpiredTimer(key, timerValues, expiredTimerInfo)` for every registered timer whose
 * time is below the threshold (the batch's processing time, or the eviction watermark under
 * EventTime), in timer order, each deleted once it fired; then `close()`. Keys whose state and
 * timers are all gone leave the store.
 */
import { PyInstance } from '../../python/classes';
import { PyHost, PyIterable, PyTuple, iterItems, type PyValue as Py } from '../../python/values';
import type { StructField, Value } from '../expr/ast';
import { ExprRuntimeError } from '../expr/runtime-error';
import type { Row } from '../runtime/context';
import { PdRow } from '../pandas/frame';
import type { ApplyBatch, PythonCall } from './apply-in-pandas';
import { chunksOf, keyTuple, outputRows, pythonCall } from './calls';
import { toPython, toSpark } from './convert';
import type { TimeoutConf } from './group-state';
import {
	ExpiredTimerInfo,
	ProcessorHandle,
	TimerValues,
	emptyProcessorState,
	stateRows,
	type ProcessorState
} from './processor-handle';

export type { ProcessorState };

export interface ProcessorSpec {
	readonly processor: Py;
	readonly api: 'applyInPandasWithState' | 'transformWithStateInPandas' | 'transformWithState';
	readonly src: string;
	readonly inputSchema: readonly StructField[];
	readonly keyFields: readonly StructField[];
	readonly keyOf: (r: Row) => Value[];
	readonly outputSchema: readonly StructField[];
	readonly timeout: TimeoutConf;
	readonly maxRecordsPerBatch: number;
}

const copyState = (s: ProcessorState): ProcessorState => JSON.parse(JSON.stringify(s));

/** The processor as a task sees it: a copy of the driver's instance (attributes copied). */
function taskCopy(p: Py): Py {
	if (!(p instanceof PyInstance)) return p;
	const c = new PyInstance(p.cls);
	for (const [k, v] of p.dict) c.dict.set(k, v);
	return c;
}

function callMethod(p: Py, name: string, args: readonly Py[]): Py {
	const m = p instanceof PyHost ? p.getAttr(name) : undefined;
	if (m === undefined) return null;
	if (typeof m === 'object' && m !== null && 'invoke' in m) return m.invoke(args, new Map());
	if (typeof m === 'object' && m !== null && 'fn' in m) return m.fn(args, new Map(), () => null);
	return null;
}

/** Row-based transformWithState yields Rows/tuples; by position into the output schema. */
function rowOutput(result: Py, schema: readonly StructField[]): Row[] {
	if (result === null) return [];
	const items = iterItems(result) ?? [];
	return items.map((it) => {
		const vals = it instanceof PdRow ? it.items : it instanceof PyTuple ? it.items : iterItems(it);
		if (!vals || vals.length !== schema.length)
			throw new ExprRuntimeError(
				'UDF_RETURN_TYPE',
				`transformWithState's handler must yield Rows of the output schema (${schema.length} fields)`
			);
		return schema.map((f, i) => toSpark(vals[i] ?? null, f.type, f.name));
	});
}

export function processorBatch(
	spec: ProcessorSpec,
	committed: ReadonlyMap<string, ProcessorState>,
	rows: readonly Row[],
	b: ApplyBatch
) {
	const entries = new Map<string, ProcessorState>();
	for (const [k, v] of committed) entries.set(k, copyState(v));
	const now = b.batchTimestampMs;
	const wm = b.evictionWatermarkMs ?? -1;
	const handle = new ProcessorHandle(() => now, spec.timeout !== 'NoTimeout');
	const proc = taskCopy(spec.processor);
	const name = spec.processor instanceof PyHost ? spec.processor.typeName : 'StatefulProcessor';
	const timerValues = new TimerValues(now, wm);
	const pandas = spec.api !== 'transformWithState';
	const output: Row[] = [];
	const calls: PythonCall[] = [];
	let updated = 0;
	let removed = 0;
	const emit = (r: Py) =>
		pandas ? outputRows(r, spec.outputSchema, spec.api) : rowOutput(r, spec.outputSchema);

	pythonCall(spec.src, `${name}.init`, () => callMethod(proc, 'init', [handle]));
	const groups = new Map<string, { key: Value[]; rows: Row[] }>();
	for (const r of rows) {
		const key = spec.keyOf(r);
		const k = JSON.stringify(key);
		const g = groups.get(k);
		if (g) g.rows.push(r);
		else groups.set(k, { key, rows: [r] });
	}
	const finish = (k: string, s: ProcessorState, before: number) => {
		const after = stateRows(s);
		if (after === 0 && s.timers.length === 0) {
			if (entries.delete(k)) removed++;
		} else entries.set(k, s);
		if (after !== before || after > 0) updated++;
	};
	for (const [k, g] of groups) {
		const s = entries.get(k) ?? emptyProcessorState(g.key);
		const before = stateRows(s);
		handle.current = s;
		const keyPy = new PyTuple(keyTuple(g.key, spec.keyFields));
		const input = pandas
			? new PyIterable(chunksOf(g.rows, spec.inputSchema, spec.maxRecordsPerBatch), 'generator')
			: new PyIterable(
					g.rows.map(
						(r) =>
							new PdRow(
								spec.inputSchema.map((f) => f.name),
								r.map((v, i) => toPython(v, spec.inputSchema[i]?.type))
							)
					),
					'generator'
				);
		const emitted = pythonCall(spec.src, `${name}.handleInputRows`, () =>
			emit(callMethod(proc, 'handleInputRows', [keyPy, input, timerValues]))
		);
		output.push(...emitted);
		calls.push({
			key: g.key,
			inputRows: g.rows.length,
			timedOut: false,
			before: null,
			after: null,
			timeoutMs: s.timers[0] ?? -1,
			emitted
		});
		finish(k, s, before);
	}
	const threshold =
		spec.timeout === 'ProcessingTimeTimeout'
			? now
			: spec.timeout === 'EventTimeTimeout'
				? b.evictionWatermarkMs
				: null;
	if (threshold !== null) {
		const due: { k: string; t: number }[] = [];
		for (const [k, s] of entries) for (const t of s.timers) if (t < threshold) due.push({ k, t });
		due.sort((x, y) => x.t - y.t);
		for (const { k, t } of due) {
			const s = entries.get(k);
			if (!s || !s.timers.includes(t)) continue;
			const before = stateRows(s);
			handle.current = s;
			const keyPy = new PyTuple(keyTuple(s.key, spec.keyFields));
			const emitted = pythonCall(spec.src, `${name}.handleExpiredTimer`, () =>
				emit(callMethod(proc, 'handleExpiredTimer', [keyPy, timerValues, new ExpiredTimerInfo(t)]))
			);
			s.timers = s.timers.filter((x) => x !== t);
			output.push(...emitted);
			calls.push({
				key: s.key,
				inputRows: 0,
				timedOut: true,
				before: null,
				after: null,
				timeoutMs: t,
				emitted
			});
			finish(k, s, before);
		}
	}
	handle.current = null;
	pythonCall(spec.src, `${name}.close`, () => callMethod(proc, 'close', []));
	return {
		entries,
		output,
		calls,
		numRowsUpdated: updated,
		numRowsRemoved: removed,
		numRowsDroppedByWatermark: 0
	};
}

export { toPython };
