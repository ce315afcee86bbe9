/**
 * What the kinds that run a page's program over a simulated Kafka topic share (source-sink,
 * keyed-state, fault-tolerance): the program's Kafka source, its sink, an error located at the writeStream, and
 * the lines of a call as the reader recorded them.
 */
import type { Result, SourceError } from '../core/errors';
import { createSink } from '../sinks/sink-factory';
import type { StreamingSink } from '../sinks/contract';
import type { ForeachBatchFunction } from '../sinks/foreach-batch-sink';
import type { KafkaInput } from '../sources/inputs';
import type { KafkaMicroBatchStream } from '../sources/kafka/stream';
import type { KafkaBroker } from '../sources/kafka/broker';
import type { StreamingSource } from '../sources/contract';
import { ContractInputs } from '../structured/runtime/contract-inputs';
import { MicroBatchExecution, type ExecutorOptions } from '../structured/runtime/executor';
import { prepareQuery, type AnalyzedQuery } from '../structured/index';
import type { AnalyzedNode } from '../structured/analyzer/types';
import { spanAt, type Pos } from '../structured/plan';
import { MicroBatchLoop, type LoopTarget } from '../structured/runtime/loop';
import { sourceName } from '../structured/runtime/physical';

/** The streaming source of this format the program reads (`spark.readStream.format(f)…load()`). */
export function readStreamSource(q: AnalyzedQuery, format: string): AnalyzedNode | null {
	const stack = [q.root];
	while (stack.length > 0) {
		const n = stack.pop() as AnalyzedNode;
		if (n.plan.op === 'Source' && n.plan.source.kind === 'readStream') {
			if (n.plan.source.format === format) return n;
		}
		stack.push(...n.children);
	}
	return null;
}

/** The Kafka source the program reads (`spark.readStream.format("kafka")…load()`). */
export const kafkaSource = (q: AnalyzedQuery): AnalyzedNode | null => readStreamSource(q, 'kafka');

export const located = (q: AnalyzedQuery, message: string): SourceError => ({
	line: q.write.at.line,
	column: q.write.at.column,
	message
});

/** The program's Kafka source: its node, its options (the broker address aside), its name in
 *  the plan and its columns; or the located message for a program that reads no Kafka topic. */
export function kafkaSourceOf(
	q: AnalyzedQuery,
	topic?: string
): Result<
	{
		src: AnalyzedNode;
		options: Record<string, string>;
		name: string;
		columns: string[];
	},
	SourceError
> {
	const src = kafkaSource(q);
	if (src === null || src.plan.op !== 'Source' || src.plan.source.kind !== 'readStream')
		return {
			ok: false,
			error: located(
				q,
				`This page simulates a query that reads ${topic === undefined ? 'a Kafka topic' : `the Kafka topic "${topic}"`}: keep spark.readStream.format("kafka").`
			)
		};
	const options = { ...src.plan.source.options };
	delete options['kafka.bootstrap.servers'];
	return {
		ok: true,
		value: { src, options, name: sourceName(src), columns: src.plan.schema.map((f) => f.name) }
	};
}

/** The lines of the call written at `at`, as the reader recorded its extent. */
export function lines(q: AnalyzedQuery, at: Pos): { line: number; endLine: number } {
	const s = spanAt(q.spans, at);
	return { line: s?.start.line ?? at.line, endLine: s?.end.line ?? at.line };
}

/** The program's sink (its format, mode and options), writing to the simulated broker; a
 *  foreachBatch sink calls `foreachBatch` (foreach-batch-host.ts runs the program's function). */
export function programSink(
	q: AnalyzedQuery,
	input: { readonly broker: KafkaBroker },
	foreachBatch?: ForeachBatchFunction
): { ok: true; sink: StreamingSink } | { ok: false; error: SourceError } {
	const r = createSink(
		{
			format: q.write.format,
			outputMode: q.outputMode,
			options: q.write.options,
			...(q.write.queryName !== undefined ? { queryName: q.write.queryName } : {}),
			schema: q.schema
		},
		{ broker: input.broker, ...(foreachBatch ? { foreachBatch } : {}) }
	);
	return r.ok ? { ok: true, sink: r.sink } : { ok: false, error: located(q, r.error.message) };
}

/** A program that reads a Kafka topic, as the page runs it: the query, its source's name,
 *  options (the broker is the simulated one), columns and `.load()` line. */
export interface KafkaQuery {
	readonly q: AnalyzedQuery;
	readonly name: string;
	readonly options: Record<string, string>;
	readonly columns: readonly string[];
	readonly loadLine: number;
}

/** Reads the program; one without a Kafka source gets a located message saying what to keep. */
export function readKafkaQuery(code: string, topic: string): Result<KafkaQuery, SourceError> {
	const prepared = prepareQuery(code, {});
	if (!prepared.ok) return prepared;
	const q = prepared.value;
	const kafka = kafkaSourceOf(q, topic);
	if (!kafka.ok) return kafka;
	const { src, name, options, columns } = kafka.value;
	return { ok: true, value: { q, name, options, columns, loadLine: src.plan.at.line } };
}

/** A (re)start of the program's query on the simulated broker: a fresh Kafka source (Spark builds
 *  one per run, resuming from the checkpoint's offsets, not startingOffsets) under a new
 *  MicroBatchExecution; or Spark's message for bad source options. */
export function startOnKafka(
	input: KafkaInput,
	q: AnalyzedQuery,
	source: { name: string; columns: readonly string[] },
	options: ExecutorOptions
):
	| { ok: true; source: KafkaMicroBatchStream; exec: MicroBatchExecution }
	| { ok: false; error: string } {
	const started = startOnSource(input.start(), q, source, options);
	return started.ok
		? { ok: true, source: started.source as KafkaMicroBatchStream, exec: started.exec }
		: started;
}

/** A (re)start on any source a handle built (its fresh instance, or Spark's message for bad
 *  options) under a new MicroBatchExecution. */
export function startOnSource(
	started: { ok: true; source: StreamingSource<unknown> } | { ok: false; error: string },
	q: AnalyzedQuery,
	source: { name: string; columns: readonly string[] },
	options: ExecutorOptions
):
	| { ok: true; source: StreamingSource<unknown>; exec: MicroBatchExecution }
	| { ok: false; error: string } {
	if (!started.ok) return { ok: false, error: started.error };
	// The read limit follows the program's trigger: once reads all available in one batch,
	// availableNow fixes the end at start and keeps the source's own limits (trigger-plan.ts).
	const inputs = new ContractInputs(
		new Map([[source.name, { source: started.source, columns: [...source.columns] }]]),
		q.trigger.kind === 'once' || q.trigger.kind === 'availableNow'
			? q.trigger.kind
			: 'processingTime'
	);
	return { ok: true, source: started.source, exec: new MicroBatchExecution(q, inputs, options) };
}

/** The producer's side of a run: `produce(now)` sends every scheduled record due by `now` (in
 *  schedule order, one value each) to the simulated broker, once. */
export function producerOn(
	input: KafkaInput,
	topic: string,
	schedule: readonly { readonly atMs: number; readonly partition: number }[],
	values: readonly string[]
): (now: number) => void {
	let sent = 0;
	return (now) => {
		for (; sent < schedule.length && (schedule[sent]?.atMs ?? Infinity) <= now; sent++) {
			const s = schedule[sent]!;
			input.broker.send({
				topic,
				partition: s.partition,
				values: [values[sent]!],
				timestampMs: s.atMs
			});
		}
	};
}

/** A page's query on the one micro-batch loop (loop.ts), stepped from wake to wake until
 *  `untilMs`: the program's processingTime trigger, once (one batch, then the query stops),
 *  availableNow (batches until what was there at start is read, then it stops), else the default
 *  trigger; batches taking no modelled time. `target` runs each trigger (the kind records what it
 *  shows). Returns when the loop terminated the query (its trigger was done, or it failed), or
 *  null when it ran until `untilMs`. */
export function runOnLoop<B>(
	q: AnalyzedQuery,
	target: LoopTarget<B>,
	untilMs: number
): number | null {
	const trigger =
		q.trigger.kind === 'processingTime' && q.trigger.intervalMs > 0
			? { kind: 'processingTime' as const, intervalMs: q.trigger.intervalMs }
			: q.trigger.kind === 'once' || q.trigger.kind === 'availableNow'
				? { kind: q.trigger.kind, intervalMs: 0 }
				: { kind: 'default' as const, intervalMs: 0 };
	const loop = new MicroBatchLoop(
		target,
		{ trigger, epochOffsetMs: 0, untilMs, cost: { batchMs: () => 0, idleMs: 0 } },
		0
	);
	let terminatedMs: number | null = null;
	for (let guard = 0; loop.wakeAt !== null && guard < 100_000; guard++)
		for (const e of loop.step(loop.wakeAt)) if (e.kind === 'terminated') terminatedMs = e.at;
	return terminatedMs;
}
