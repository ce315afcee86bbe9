/**
 * basic-07 (stateful operations): running totals per user over a simulated purchases topic, kept
 * in state either by a built-in aggregation (`groupBy("user").agg(...)`) or by the program's own
 * function through applyInPandasWithState: the `stateApi` span swaps the three lines of the
 * stateful call, so the same page shows built-in and arbitrary state on the same input. Users
 * start buying one after another, so the store visibly grows to one row per user and stays there.
 */
import { clampParams, numberParam, type ParamSchema } from '../../core/params';
import { mainProgram, renderProgram, type SpanRewrite } from '../../core/template';
import { duration, lastString } from '../../kinds/event-time/spans';
import { seconds } from '../../kinds/event-time/param-specs';
import type { SimPreset } from '../../kinds/kind';
import type { KeyedSend, KeyedStateQuestion } from '../../kinds/keyed-state/question';
import { USER_NAMES } from '../../kinds/keyed-state/users';
import { programs } from './program';

const PROVIDERS: Readonly<Record<string, string>> = {
	hdfs: 'org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider',
	rocksdb: 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider'
};

/** The stateful call, line for line, in each API (the lines a `# <- stateApi` marks). */
const STATE_CALL: Readonly<Record<string, readonly string[]>> = {
	builtin: [
		'running_totals = purchases.groupBy("user").agg(',
		'    F.count("*").alias("purchases"),',
		'    F.sum("amount").alias("total_spent"),'
	],
	arbitrary: [
		'running_totals = purchases.groupBy("user").applyInPandasWithState(',
		'    running_total, "user STRING, purchases LONG, total_spent DOUBLE",',
		'    "purchases LONG, total_spent DOUBLE", "update", GroupStateTimeout.NoTimeout,'
	]
};

const schema: ParamSchema = [
	{
		id: 'stateApi',
		label: 'state kept by',
		kind: 'choice',
		options: [
			{ value: 'builtin', label: 'built-in aggregation' },
			{ value: 'arbitrary', label: 'applyInPandasWithState' }
		],
		default: 'builtin',
		help: 'Built-in: groupBy().agg() keeps one state row per user for you. Arbitrary: your running_total function is called per user with its rows and its state, and decides what to keep.'
	},
	{
		id: 'outputMode',
		label: 'output mode',
		kind: 'choice',
		options: [
			{ value: 'update', label: 'update' },
			{ value: 'complete', label: 'complete' },
			{ value: 'append', label: 'append' }
		],
		default: 'update',
		help: 'update: only the users changed this batch go to the sink; complete: every user, every batch; append: Spark refuses an aggregation without a watermark.'
	},
	{
		id: 'stateStoreProvider',
		label: 'state store',
		kind: 'choice',
		options: [
			{ value: 'hdfs', label: 'HDFS-backed (default)' },
			{ value: 'rocksdb', label: 'RocksDB' }
		],
		default: 'hdfs',
		help: 'Where the state lives on the executors: JVM memory (HDFS-backed) or RocksDB (native memory and local disk). The rows and results are the same; only memory and speed differ.'
	},
	seconds(
		'triggerInterval',
		'trigger interval',
		[1, 10],
		2,
		'A micro-batch starts every this many seconds.'
	),
	{
		id: 'numKeys',
		label: 'distinct users',
		kind: 'number',
		min: 1,
		max: 30,
		step: 1,
		unit: '',
		default: 8,
		simulationOnly: true,
		help: 'Users buying; one more starts every 2.5 s.'
	},
	{
		id: 'eventRate',
		label: 'purchases per second',
		kind: 'number',
		min: 1,
		max: 50,
		step: 1,
		unit: '/s',
		default: 4,
		simulationOnly: true,
		help: 'Purchases the producer sends per second, each for one of the users buying so far.'
	}
];

const presets: readonly SimPreset[] = [
	{
		id: 'built-in-state',
		label: 'Built-in state, update mode',
		description:
			'groupBy("user").agg(count, sum) keeps one state row per user that outlives the batch; update mode sends only the users this batch changed (highlighted), while the store keeps growing to one row per user.',
		params: {}
	},
	{
		id: 'complete-mode',
		label: 'Complete mode',
		description:
			'The same state, but complete mode writes every user’s row after every batch, changed or not: the sink gets the whole result table each time.',
		params: { outputMode: 'complete' }
	},
	{
		id: 'arbitrary-state',
		label: 'Arbitrary state: your function',
		description:
			'applyInPandasWithState calls running_total once per user with rows in the batch, with that user’s state: the same totals, but the logic is yours (edit it and the calls change). Users without rows are not called.',
		params: { stateApi: 'arbitrary' }
	}
];

const template = mainProgram(programs);
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

/** A marked line of the stateful call, as the chosen API writes it (by its place in the call). */
const stateCall =
	(api: string): SpanRewrite =>
	(line) => {
		for (const lines of Object.values(STATE_CALL)) {
			const i = lines.indexOf(line);
			if (i >= 0) return STATE_CALL[api]?.[i] ?? line;
		}
		return line;
	};

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	stateApi: stateCall(String(params.stateApi)),
	outputMode: lastString(String(params.outputMode)),
	stateStoreProvider: lastString(PROVIDERS[String(params.stateStoreProvider)] ?? PROVIDERS.hdfs!),
	triggerInterval: duration(Number(params.triggerInterval))
});

/** Purchases at `rate` per second; user i starts buying at i × 2.5 s. */
function purchases(rng: { next(): number }, users: number, rate: number, runMs: number) {
	const out: KeyedSend[] = [];
	const gap = 1000 / rate;
	for (let t = 300 + rng.next() * gap; t < runMs; t += gap * (0.5 + rng.next())) {
		const active = Math.min(users, 1 + Math.floor(t / 2500));
		const user = USER_NAMES[Math.floor(rng.next() * active)] ?? 'ana';
		out.push({
			atMs: Math.round(t),
			key: user,
			fields: { user, amount: Math.round(500 + rng.next() * 9500) / 100 }
		});
	}
	return out;
}

export const basic07State: KeyedStateQuestion = {
	slug: 'basic-07-stateful-operations',
	kind: 'keyed-state',
	programId: 'main',
	schema,
	presets,
	template,
	structural: [],
	generatorParams: ['numKeys', 'eventRate'],
	openingPreset: 'built-in-state',
	// The API switch (the DStream tab's batch interval shares this side's trigger interval key).
	otherUrlKeys: ['api', 'checkpoint'],
	apiNote:
		'The Structured Streaming program (the main tab): state rows per user in the state store, only changed users sent in update mode.',
	constrain,
	rewrites: (params) => rewrites(params),
	program: (params) => renderProgram(template, rewrites(constrain(params).params)),
	world: (params) => ({
		topic: 'purchases',
		runMs: 40_000,
		sends: (rng) =>
			purchases(rng, numberParam(params, 'numKeys'), numberParam(params, 'eventRate'), 40_000)
	})
};
