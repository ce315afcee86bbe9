/**
 * Runs advanced-11's program over a simulated `orders` topic: a producer that changes what it
 * sends (v2 adds `currency`, v3 sends `amount` as a string, now and then a broken line), and the
 * program's two queries (good rows, dead letters), each with its own Kafka source and
 * checkpoint, on the one micro-batch loop. from_json with the program's schema and mode decides
 * every row; the run only matches each query's output back to the records by Kafka offset.
 * FAILFAST throws Spark's MALFORMED_RECORD_IN_PARSING error in the batch that reads a bad
 * record: both queries stop there and `awaitAnyTermination` ends the program.
 */
import { createRng } from '../../core/rng';
import { isoText } from '../../core/calendar';
import type { Result, SourceError } from '../../core/errors';
import { KafkaInput } from '../../sources/inputs';
import { prepareQuery, type AnalyzedQuery } from '../../structured/index';
import { readProgram } from '../../structured/reader/index';
import type { AnalyzedNode } from '../../structured/analyzer/types';
import { valueToString } from '../../structured/expr/format';
import type { Value } from '../../structured/expr/ast';
import { parseDataType } from '../../structured/expr/types';
import { fromJsonCall, parseModeOf, stringLiteral } from '../../structured/analyzer/from-json';
import { MicroBatchExecution } from '../../structured/runtime/executor';
import { MicroBatchLoop } from '../../structured/runtime/loop';
import { sourceName } from '../../structured/runtime/physical';
import { ContractInputs } from '../../structured/runtime/contract-inputs';
import type { Fate, ProducerVersion, SeBatch, SeRecord, SeRun } from './frames';
import type { ProducerWorld } from './question';
import { lines, kafkaSource, located } from '../kafka-query';

/** Virtual 0 on the wall clock the orders' event times are written in. */
const EPOCH_MS = Date.UTC(2026, 0, 1);
const CURRENCIES = ['EUR', 'USD', 'GBP'];

interface Sent {
	readonly offset: number;
	readonly atMs: number;
	readonly version: ProducerVersion;
	readonly malformed: boolean;
	readonly value: string;
	readonly keys: readonly string[];
}

/** The producer's records, one every 1/rate seconds; the seed picks amounts and broken lines. */
function produce(world: ProducerWorld, seed: number): Sent[] {
	const rng = createRng(seed);
	const gap = 1000 / world.recordsPerSecond;
	const out: Sent[] = [];
	for (let i = 0; ; i++) {
		const atMs = Math.round(gap / 2 + i * gap);
		if (atMs > world.runMs) break;
		const v2 = world.v2AtMs !== null && atMs >= world.v2AtMs;
		const v3 = world.typeChangeAtMs !== null && atMs >= world.typeChangeAtMs;
		const amount = Math.round(500 + rng.next() * 9500) / 100;
		const order: Record<string, unknown> = {
			order_id: `o-${i + 1}`,
			amount: v3 ? amount.toFixed(2) : amount,
			event_time: isoText(EPOCH_MS + atMs)
		};
		if (v2) order.currency = CURRENCIES[i % CURRENCIES.length];
		const json = JSON.stringify(order);
		const malformed = rng.next() < world.malformedRate;
		out.push({
			offset: i,
			atMs,
			version: v3 ? 'v3' : v2 ? 'v2' : 'v1',
			malformed,
			// A write cut short: the line stops inside the amount.
			value: malformed ? json.slice(0, json.indexOf('"amount"') + 12) : json,
			keys: Object.keys(order)
		});
	}
	return out;
}

/** The program's queries: the first reads good rows, the second dead letters. */
function readQueries(code: string): Result<AnalyzedQuery[], SourceError> {
	const first = prepareQuery(code, {}, {}, { query: 0 });
	if (!first.ok) return first;
	const out = [first.value];
	// The analyzed query does not carry how many queries the program starts; the read does.
	const read = readProgram(code, {}, { query: 0 });
	const count = read.ok ? (read.value.queryCount ?? 1) : 1;
	for (let i = 1; i < count; i++) {
		const next = prepareQuery(code, {}, {}, { query: i });
		if (!next.ok) return next;
		out.push(next.value);
	}
	for (const q of out)
		if (kafkaSource(q) === null)
			return {
				ok: false,
				error: located(
					q,
					'This page simulates queries that read the orders topic from Kafka: keep spark.readStream.format("kafka").'
				)
			};
	const missing = out.find((q) => !q.schema.some((f) => f.name === 'offset'));
	if (missing)
		return {
			ok: false,
			error: located(
				missing,
				'This page matches each output row to its Kafka record by the offset column: keep F.col("offset") in the select.'
			)
		};
	return { ok: true, value: out };
}

interface Running {
	readonly q: AnalyzedQuery;
	readonly exec: MicroBatchExecution;
	readonly offsetAt: number;
}

export function runSchemaEvolution(
	code: string,
	world: ProducerWorld,
	seed: number
): Result<SeRun, SourceError> {
	const read = readQueries(code);
	if (!read.ok) return read;
	const queries = read.value;
	let clock = 0;
	const sent = produce(world, seed);
	let produced = 0;
	const env = { clock: { nowMs: () => clock }, defaultParallelism: 2 };
	// Each query has its own consumer and checkpoint; every one reads the same log, so each gets
	// its own copy of the topic with the same records at the same offsets.
	const topics: KafkaInput[] = [];
	const sendUpTo = (now: number) => {
		for (; produced < sent.length && (sent[produced]?.atMs ?? Infinity) <= now; produced++)
			for (const input of topics)
				input.broker.send({
					topic: world.topic,
					partition: 0,
					values: [(sent[produced] as Sent).value],
					timestampMs: (sent[produced] as Sent).atMs
				});
	};
	const running: Running[] = [];
	for (const q of queries) {
		const src = kafkaSource(q) as AnalyzedNode;
		if (src.plan.op !== 'Source' || src.plan.source.kind !== 'readStream') continue;
		const options = { ...src.plan.source.options };
		delete options['kafka.bootstrap.servers'];
		const own = new KafkaInput({ [world.topic]: 1 }, options, env);
		topics.push(own);
		const started = own.start();
		if (!started.ok) return { ok: false, error: located(q, started.error) };
		const name = sourceName(src);
		const inputs = new ContractInputs(
			new Map([[name, { source: started.source, columns: src.plan.schema.map((f) => f.name) }]]),
			'processingTime'
		);
		// A sink that keeps nothing: the rows are read from each batch's output below.
		const exec = new MicroBatchExecution(q, inputs, { clock: () => clock });
		running.push({ q, exec, offsetAt: q.schema.findIndex((f) => f.name === 'offset') });
	}

	const fates = new Map<number, { fate: Fate; batchId: number; nullFields: string[] }>();
	const batches: SeBatch[] = [];
	let failure: SeRun['failure'] = null;
	const readerFields = readerFieldsOf(queries);
	const good = running[0] as Running;
	const dead = running[1] ?? null;
	let nextOffset = 0;

	const runTrigger = (now: number) => {
		clock = now;
		sendUpTo(now);
		const outputs: { rows: readonly (readonly Value[])[]; r: Running }[] = [];
		let batchId = -1;
		for (const r of running) {
			try {
				const b = r.exec.runTrigger();
				if (b === null) continue;
				batchId = b.batchId;
				outputs.push({ rows: b.output, r });
			} catch (err) {
				failure = {
					atMs: now,
					batchId: batchId >= 0 ? batchId : batches.length,
					message: (err as Error).message
				};
				break;
			}
		}
		if (failure !== null) {
			for (let o = nextOffset; o < produced; o++)
				fates.set(o, { fate: 'failed', batchId: failure.batchId, nullFields: [] });
			return null;
		}
		if (outputs.length === 0 || batchId < 0) return null;
		const goodOut = outputs.find((o) => o.r === good)?.rows ?? [];
		const deadOut = outputs.find((o) => o.r === dead)?.rows ?? [];
		const fieldsAt = good.q.schema.map((f) => f.name);
		let parsed = 0;
		let nulls = 0;
		for (const row of goodOut) {
			const offset = Number(row[good.offsetAt]);
			const nullFields = fieldsAt.filter((f, i) => f !== 'offset' && row[i] === null);
			if (nullFields.length > 0) nulls++;
			else parsed++;
			fates.set(offset, { fate: nullFields.length > 0 ? 'nulls' : 'parsed', batchId, nullFields });
		}
		for (const row of deadOut)
			fates.set(Number(row[(dead as Running).offsetAt]), {
				fate: 'corrupt',
				batchId,
				nullFields: []
			});
		batches.push({
			batchId,
			triggerMs: now,
			from: nextOffset,
			to: produced,
			parsed,
			nulls,
			corrupt: deadOut.length,
			goodRows: goodOut.map((row) => rowText(good.q, row)),
			deadRows: deadOut.map((row) => rowText((dead as Running).q, row))
		});
		nextOffset = produced;
		return { batchId };
	};

	const q0 = good.q;
	const trigger =
		q0.trigger.kind === 'processingTime' && q0.trigger.intervalMs > 0
			? { kind: 'processingTime' as const, intervalMs: q0.trigger.intervalMs }
			: { kind: 'default' as const, intervalMs: 0 };
	const loop = new MicroBatchLoop(
		{ runTrigger: (now) => runTrigger(now) as never, stopped: () => failure !== null },
		{ trigger, epochOffsetMs: 0, untilMs: world.runMs, cost: { batchMs: () => 0, idleMs: 0 } },
		0
	);
	for (let guard = 0; loop.wakeAt !== null && guard < 100_000; guard++) loop.step(loop.wakeAt);

	const records: SeRecord[] = sent.map((s) => {
		const f = fates.get(s.offset);
		return {
			offset: s.offset,
			atMs: s.atMs,
			version: s.version,
			malformed: s.malformed,
			value: s.value,
			fate: f?.fate ?? 'unread',
			ignored: s.malformed ? [] : s.keys.filter((k) => !readerFields.includes(k)),
			nullFields: f?.nullFields ?? [],
			batchId: f?.batchId ?? null
		};
	});
	const versions: { version: ProducerVersion; fromMs: number }[] = [{ version: 'v1', fromMs: 0 }];
	if (world.v2AtMs !== null) versions.push({ version: 'v2', fromMs: world.v2AtMs });
	if (world.typeChangeAtMs !== null) versions.push({ version: 'v3', fromMs: world.typeChangeAtMs });
	versions.sort((a, b) => a.fromMs - b.fromMs);
	const f = failure as SeRun['failure'];
	return {
		ok: true,
		value: {
			topic: world.topic,
			parseMode: parseModeOf(queries[0]),
			readerFields,
			goodColumns: good.q.schema.map((c) => c.name),
			deadColumns: dead ? dead.q.schema.map((c) => c.name) : [],
			records,
			batches,
			versions,
			failure: f,
			// After a failure the producer keeps sending and nothing reads it: the run shows that too.
			endMs: world.runMs,
			spans: {
				parse: namedCallLines(q0, 'from_json'),
				good: lines(q0, q0.write.at),
				dead: dead ? lines(dead.q, dead.q.write.at) : null
			}
		}
	};
}

function rowText(q: AnalyzedQuery, row: readonly Value[]): string[] {
	return row.map((v, i) => (v === null ? 'null' : valueToString(v, q.schema[i]!.type)));
}

function namedCallLines(q: AnalyzedQuery, name: string): { line: number; endLine: number } | null {
	const s = q.spans?.find((c) => c.name === name);
	return s ? { line: s.start.line, endLine: s.end.line } : null;
}

/** The schema the program hands from_json, as field names. */
function readerFieldsOf(queries: readonly AnalyzedQuery[]): string[] {
	const ddl = stringLiteral(fromJsonCall(queries[0] as AnalyzedQuery)?.args[1]);
	const type = ddl === null ? null : parseDataType(ddl);
	return type?.kind === 'struct' ? type.fields.map((f) => f.name) : [];
}
