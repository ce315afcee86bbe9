/**
 * A keyed-state program over a simulated Kafka topic, on the one micro-batch loop (loop.ts): the
 * producer sends JSON records per key; each trigger MicroBatchExecution reads them and runs the
 * program's stateful operator: a built-in aggregation (one state row per group) or
 * applyInPandasWithState running the program's own Python function on the project's interpreter.
 * After each batch the run records the store as a table of keys, and, for arbitrary state, every
 * call of the function the operator made (its trace: input rows, state before and after,
 * hasTimedOut, the timeout left, rows emitted). Under ProcessingTimeTimeout the operator asks
 * for a batch at every trigger even with no data (FlatMapGroupsWithStateExec.shouldRunAnotherBatch),
 * so the loop runs those batches too.
 */
import '../../structured/stateful-python/register';
import { createRng } from '../../core/rng';
import { isoText } from '../../core/calendar';
import type { Result, SourceError } from '../../core/errors';
import { KafkaInput } from '../../sources/inputs';
import type { AnalyzedNode } from '../../structured/analyzer/types';
import type { StructField } from '../../structured/expr/ast';
import type { PythonCall } from '../../structured/stateful-python/apply-in-pandas';
import { NO_TIMESTAMP } from '../../structured/stateful-python/group-state';
import { MicroBatchExecution } from '../../structured/runtime/executor';
import { MicroBatchLoop } from '../../structured/runtime/loop';
import { ContractInputs } from '../../structured/runtime/contract-inputs';
import { lines, located, programSink, readKafkaQuery } from '../kafka-query';
import { formatRow, keyText, tupleText } from './values';
import type { KsBatch, KsCall, KsOperator, KsRun, KsStateRow } from './frames';
import type { KeyedWorld } from './question';

/** Virtual 0 on the wall clock the records' event times are written in. */
export const EPOCH_MS = Date.UTC(2026, 0, 1);

const find = (n: AnalyzedNode, op: string): AnalyzedNode | null => {
	if (n.plan.op === op) return n;
	for (const c of n.children) {
		const f = find(c, op);
		if (f) return f;
	}
	return null;
};

/** The `def name(...)` block: the reader keeps no span for a function body, so its lines are
 *  found from the name the operator holds and Python's indentation. */
function defLines(code: string, name: string): { line: number; endLine: number } | null {
	const src = code.split('\n');
	const start = src.findIndex((l) => new RegExp(`^def\\s+${name}\\s*\\(`).test(l));
	if (start < 0) return null;
	let end = start;
	for (let i = start + 1; i < src.length; i++) {
		const l = src[i] as string;
		// Blank lines and the closing `) -> ...:` of a signature split over lines stay inside.
		if (l.trim() === '' || /^\)/.test(l)) continue;
		if (!/^\s/.test(l)) break;
		end = i;
	}
	return { line: start + 1, endLine: end + 1 };
}

export function runKeyedState(
	code: string,
	world: KeyedWorld,
	seed: number
): Result<KsRun, SourceError> {
	const read = readKafkaQuery(code, world.topic);
	if (!read.ok) return read;
	const { q, name, options, columns } = read.value;
	const py = find(q.root, 'PythonState');
	const agg = find(q.root, 'Aggregate');
	const stateNode = py ?? agg;
	if (
		stateNode === null ||
		(py !== null && py.plan.op === 'PythonState' && py.plan.api !== 'applyInPandasWithState')
	)
		return {
			ok: false,
			error: located(
				q,
				'This page draws one keyed state: keep groupBy(...).agg(...) or groupBy(...).applyInPandasWithState(...) in the query.'
			)
		};
	const operator: KsOperator = py ? 'applyInPandasWithState' : 'aggregation';
	const p = stateNode.plan;
	const keyCount = p.op === 'Aggregate' || p.op === 'PythonState' ? p.groupBy.length : 0;
	const inputSchema = (stateNode.children[0] as AnalyzedNode).schema;
	const stateSchema: readonly StructField[] =
		p.op === 'PythonState' ? p.stateSchema : stateNode.schema.slice(keyCount);
	const outputSchema = q.schema;
	const timeout = p.op === 'PythonState' ? p.timeout : null;
	const fnName = p.op === 'PythonState' ? ((p.udf as { name?: string }).name ?? null) : null;
	// Event-time deadlines and watermarks are epoch ms; processing-time ones are virtual ms.
	const onAxis = (ms: number) => (timeout === 'ProcessingTimeTimeout' ? ms : ms - EPOCH_MS);

	const topic = options['subscribe'] ?? world.topic;
	let clock = 0;
	const input = new KafkaInput({ [topic]: 1 }, options, {
		clock: { nowMs: () => clock },
		defaultParallelism: 2
	});
	const sinkResult = programSink(q, input);
	if (!sinkResult.ok) return sinkResult;

	const sends = world.sends(createRng(seed));
	let sent = 0;
	const produce = (now: number) => {
		for (; sent < sends.length && (sends[sent]?.atMs ?? Infinity) <= now; sent++) {
			const s = sends[sent]!;
			input.broker.send({
				topic,
				partition: 0,
				values: [JSON.stringify({ ...s.fields, event_time: isoText(EPOCH_MS + s.atMs) })],
				timestampMs: EPOCH_MS + s.atMs
			});
		}
	};
	const started = input.start();
	if (!started.ok) return { ok: false, error: located(q, started.error) };
	const exec = new MicroBatchExecution(
		q,
		new ContractInputs(new Map([[name, { source: started.source, columns }]]), 'processingTime'),
		{ clock: () => clock, sink: sinkResult.sink, epochOffsetMs: EPOCH_MS }
	);
	const runtime = exec.plan.stateful[0];

	const keys: string[] = [];
	for (const s of sends) if (!keys.includes(s.key)) keys.push(s.key);
	const batches: KsBatch[] = [];
	// The store as the page shows it: key → row, kept from each batch's updates and removals.
	const store = new Map<string, KsStateRow>();
	let failure: KsRun['failure'] = null;

	const trigger =
		q.trigger.kind === 'processingTime' && q.trigger.intervalMs > 0
			? { kind: 'processingTime' as const, intervalMs: q.trigger.intervalMs }
			: { kind: 'default' as const, intervalMs: 0 };
	const loop = new MicroBatchLoop(
		{
			runTrigger: (now) => {
				clock = now;
				produce(now);
				try {
					const b = exec.runTrigger();
					if (b === null) return null;
					const removed: string[] = [];
					const touched = new Set<string>();
					let calls: KsCall[] = [];
					for (const row of store.values()) store.set(row.key, { ...row, touched: false });
					if (operator === 'applyInPandasWithState') {
						const trace = runtime?.trace?.() as { calls: readonly PythonCall[] } | undefined;
						calls = (trace?.calls ?? []).map((c) => {
							const key = keyText(c.key);
							const deadlineMs = c.timeoutMs === NO_TIMESTAMP ? null : onAxis(c.timeoutMs);
							touched.add(key);
							if (c.after === null) {
								if (store.delete(key)) removed.push(key);
							} else
								store.set(key, {
									key,
									cells: formatRow(c.after, stateSchema, EPOCH_MS),
									deadlineMs,
									touched: true
								});
							return {
								key,
								inputRows: c.inputRows,
								input: (c.input ?? []).map((r) => tupleText(r, inputSchema, EPOCH_MS)),
								hasTimedOut: c.timedOut,
								before: c.before === null ? null : tupleText(c.before, stateSchema, EPOCH_MS),
								after: c.after === null ? null : tupleText(c.after, stateSchema, EPOCH_MS),
								deadlineMs: c.after === null ? null : deadlineMs,
								emitted: c.emitted.map((r) => tupleText(r, outputSchema, EPOCH_MS))
							};
						});
					} else {
						for (const e of b.events) {
							if (e.type !== 'windowUpdated' && e.type !== 'stateEvicted') continue;
							for (const r of e.rows) {
								const key = keyText(r.slice(0, keyCount));
								if (e.type === 'stateEvicted') {
									if (store.delete(key)) removed.push(key);
									continue;
								}
								touched.add(key);
								store.set(key, {
									key,
									cells: formatRow(r.slice(keyCount), stateSchema, EPOCH_MS),
									deadlineMs: null,
									touched: true
								});
							}
						}
					}
					const state = keys.filter((k) => store.has(k)).map((k) => store.get(k) as KsStateRow);
					batches.push({
						batchId: b.batchId,
						triggerMs: now,
						noData: b.noData,
						numInputRows: b.numInputRows,
						watermarkMs: b.batchWatermarkMs > 0 ? b.batchWatermarkMs - EPOCH_MS : null,
						calls,
						state,
						removed,
						emitted: b.output.map((r) => formatRow(r, outputSchema, EPOCH_MS))
					});
					return b;
				} catch (err) {
					failure = { atMs: now, message: (err as Error).message };
					return null;
				}
			},
			stopped: () => failure !== null
		},
		{ trigger, epochOffsetMs: 0, untilMs: world.runMs, cost: { batchMs: () => 0, idleMs: 0 } },
		0
	);
	for (let guard = 0; loop.wakeAt !== null && guard < 100_000; guard++) loop.step(loop.wakeAt);
	const f = failure as KsRun['failure'];
	return {
		ok: true,
		value: {
			operator,
			functionName: fnName,
			timeout,
			outputMode: q.outputMode,
			keyColumns: stateNode.schema.slice(0, keyCount).map((c) => c.name),
			stateColumns: stateSchema.map((c) => c.name),
			outputColumns: outputSchema.map((c) => c.name),
			sends: sends.map((s) => ({ atMs: s.atMs, key: s.key })),
			keys,
			batches,
			triggerIntervalMs: trigger.intervalMs,
			failure: f,
			endMs: f === null ? world.runMs : Math.min(world.runMs, f.atMs + 2000),
			spans: {
				fn: fnName === null ? null : defLines(code, fnName),
				stateful: lines(q, p.at),
				sink: lines(q, q.write.at)
			}
		}
	};
}
