import { describe, expect, it } from 'vitest';
import {
	runConfigOf,
	type SimulatedCluster
} from '../../../../simulations/kinds/micro-batch/program';
import { microBatchFocusAt } from '../../../../simulations/kinds/micro-batch/code-focus';
import { microBatchMarkers } from '../../../../simulations/kinds/micro-batch/markers';
import {
	continuousMarkers,
	epochCommitTimes
} from '../../../../simulations/kinds/micro-batch/continuous-markers';
import { continuousFocusAt } from '../../../../simulations/kinds/micro-batch/continuous-code-focus';
import {
	runMicroBatchProgram,
	type MicroBatchRun
} from '../../../../simulations/kinds/micro-batch/run';
import { defaultProgram } from '../../../../simulations/questions/defaults';
import { readProgram } from '../../../../simulations/structured/reader/index';
import { rateProgram } from '../../microbatch/queries';

const cluster: SimulatedCluster = {
	fixedOverheadMs: 300,
	perRowCostUs: 50,
	cores: 4,
	linesPerSecond: 2,
	wordsPerLine: 3,
	untilMs: 20_000,
	seed: 1
};

const BASIC_01 = defaultProgram('basic-01-stream-processing');
const BASIC_02 = defaultProgram('basic-02-pyspark-streaming-support');
const BASIC_11 = defaultProgram('basic-11-micro-batches');

function configOf(code: string) {
	const q = readProgram(code, {});
	if (!q.ok) throw new Error(q.error.message);
	return runConfigOf(q.value, code, cluster);
}

function runAny(code: string, bounded = false, on: SimulatedCluster = cluster): MicroBatchRun {
	const r = runMicroBatchProgram(code, {
		cluster: on,
		...(bounded ? { bounded: { start: 0, end: 100 } } : {})
	});
	if (!r.ok) throw new Error(`line ${r.error.line}: ${r.error.message}`);
	return r.value;
}

function run(code: string, bounded = false) {
	const r = runAny(code, bounded);
	if (r.kind !== 'microBatch') throw new Error(`a ${r.kind} run, not micro-batches`);
	return r;
}

function continuousRun(code: string, on: SimulatedCluster = cluster) {
	const r = runAny(code, false, on);
	if (r.kind !== 'continuous') throw new Error(`a ${r.kind} run, not continuous`);
	return r;
}

const lineOf = (code: string, needle: string) =>
	code.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** The result table after the batch, as { key: count }. */
const counts = (rows: readonly { cells: readonly string[] }[]) =>
	Object.fromEntries(rows.map((r) => [r.cells[0], Number(r.cells[1])]));

describe('runConfigOf: the run comes from the program', () => {
	it('basic-11 as written: rate 100 rows/s over 2 partitions, processingTime 2 s', () => {
		const c = configOf(BASIC_11);
		expect(c).toMatchObject({
			ok: true,
			value: {
				continuous: false,
				config: {
					source: { kind: 'rate', rowsPerSecond: 100, numPartitions: 2, numPartitionsOption: true },
					trigger: { kind: 'processingTime', intervalMs: 2000 },
					cost: { numPartitions: 2, cores: 4 }
				}
			}
		});
	});

	it('edited options flow through: rowsPerSecond 7, numPartitions 3, trigger 500 ms', () => {
		const code = BASIC_11.replace('"rowsPerSecond", 100', '"rowsPerSecond", 7')
			.replace('"numPartitions", 2', '"numPartitions", 3')
			.replace('processingTime="2 seconds"', 'processingTime="500 milliseconds"');
		const c = configOf(code);
		expect(c.ok && c.value.config.source).toEqual({
			kind: 'rate',
			rowsPerSecond: 7,
			numPartitions: 3,
			numPartitionsOption: true
		});
		expect(c.ok && c.value.config.trigger).toEqual({ kind: 'processingTime', intervalMs: 500 });
	});

	it('without numPartitions the rate source takes the local cores (4), printed as "default"', () => {
		const c = configOf(BASIC_01);
		expect(c.ok && c.value.config.source).toEqual({
			kind: 'rate',
			rowsPerSecond: 5,
			numPartitions: 4,
			numPartitionsOption: false
		});
	});

	it('triggers: none → default; once; availableNow; continuous is routed apart', () => {
		const trigger = (call: string) => {
			const c = configOf(BASIC_11.replace('.trigger(processingTime="2 seconds")', call));
			return c.ok ? [c.value.config.trigger.kind, c.value.continuous] : c.error.message;
		};
		expect(trigger('')).toEqual(['default', false]);
		expect(trigger('.trigger(once=True)')).toEqual(['once', false]);
		expect(trigger('.trigger(availableNow=True)')).toEqual(['availableNow', false]);
		expect(trigger('.trigger(continuous="1 second")')).toEqual(['default', true]);
	});

	it('the socket source takes its lines from the simulation-only parameters', () => {
		const c = configOf(BASIC_02);
		expect(c.ok && c.value.config.source).toEqual({
			kind: 'socket',
			linesPerSecond: 2,
			wordsPerLine: 3
		});
		expect(c.ok && c.value.config.cost.numPartitions).toBe(1);
	});

	it('refuses bad option values at their line', () => {
		const zero = BASIC_11.replace('"rowsPerSecond", 100', '"rowsPerSecond", 0');
		const c = configOf(zero);
		expect(c.ok).toBe(false);
		if (!c.ok) {
			expect(c.error.line).toBe(lineOf(zero, '"rowsPerSecond"'));
			expect(c.error.message).toMatch(/Invalid value '0' for option 'rowsPerSecond'/);
		}
		const many = BASIC_11.replace('"numPartitions", 2', '"numPartitions", 500');
		const p = configOf(many);
		expect(!p.ok && [p.error.line, p.error.message]).toEqual([
			lineOf(many, '"numPartitions"'),
			expect.stringMatching(/at most 64 partitions/)
		]);
		const fast = BASIC_11.replace('"rowsPerSecond", 100', '"rowsPerSecond", 50000');
		expect(configOf(fast)).toMatchObject({
			ok: false,
			error: { message: expect.stringMatching(/at most 10,000 rows per second/) }
		});
	});

	it('refuses a source this simulation cannot feed, at its load()', () => {
		const kafka = BASIC_01.replace('format("rate")', 'format("kafka")').replace(
			'.option("rowsPerSecond", 5)',
			'.option("subscribe", "t")'
		);
		const c = configOf(kafka);
		expect(c).toMatchObject({
			ok: false,
			error: {
				message: expect.stringMatching(/rate or socket source; the program reads format "kafka"/)
			}
		});
	});
});

describe('runMicroBatchProgram: batch results come from the user’s query', () => {
	it('basic-01 as written: counts per value % 5, complete mode sends the whole table', () => {
		const r = run(BASIC_01);
		for (const b of r.trace.batches) {
			const n = 5 * b.endOffset; // values 0 … n−1 read by the end of this batch
			const expected = Object.fromEntries(
				[0, 1, 2, 3, 4]
					.filter((k) => k < n)
					.map((k) => [String(k), Math.floor((n - 1 - k) / 5) + 1])
			);
			expect(counts(b.state)).toEqual(expected);
			expect(b.numOutputRows).toBe(b.state.length);
		}
	});

	it('editing % NUM_KEYS to % 3 changes the result table: keys 0, 1, 2', () => {
		const r = run(
			BASIC_01.replace(
				'% NUM_KEYS).alias("key")).count()\n\nquery',
				'% 3).alias("key")).count()\n\nquery'
			)
		);
		// Seed 1 starts the query at 627 ms; the trigger at 4 s reads up to second 3: values 0 … 14.
		const b = r.trace.batches.find((x) => x.endOffset === 3)!;
		expect(counts(b.state)).toEqual({ '0': 5, '1': 5, '2': 5 });
		expect(counts(b.output)).toEqual({ '0': 5, '1': 5, '2': 5 });
	});

	it('adding .where(value % 2 == 0) counts only even values', () => {
		const code = BASIC_01.replace(
			'counts = stream.groupBy',
			'counts = stream.where(F.col("value") % 2 == 0).groupBy'
		);
		const b = run(code).trace.batches.find((x) => x.endOffset === 3)!; // evens of 0 … 14
		// key = v % 5: 0→{0,10} 1→{6} 2→{2,12} 3→{8} 4→{4,14}
		expect(counts(b.state)).toEqual({ '0': 2, '1': 1, '2': 2, '3': 1, '4': 2 });
	});

	it('update mode: the sink gets only the keys this batch touched', () => {
		const code = rateProgram(
			'stream.where(F.col("value") < 7).groupBy((F.col("value") % 10).alias("key")).count()',
			'update'
		);
		const r = run(code);
		// At 5 rows/s the values 0 … 6 arrive in the first two seconds; keys 0 … 6, once each.
		const touched = r.trace.batches.filter((b) => b.numOutputRows > 0);
		expect(touched.flatMap((b) => b.output.map((o) => o.cells[0])).sort()).toEqual([
			'0',
			'1',
			'2',
			'3',
			'4',
			'5',
			'6'
		]);
		const last = r.trace.batches.at(-1)!;
		expect(last.numOutputRows).toBe(0);
		expect(last.state).toHaveLength(7);
		expect(last.progress.stateOperators[0]).toMatchObject({ numRowsTotal: 7, numRowsUpdated: 0 });
	});

	it('basic-02: changing groupBy("word") to the word length groups by length', () => {
		const code = BASIC_02.replace(
			'words.groupBy("word")',
			'words.groupBy(F.length("word").alias("len"))'
		);
		const r = run(code);
		const b = r.trace.batches.at(-1)!;
		expect(r.trace.query.stateColumns).toEqual(['len', 'count']);
		const read = r.trace.lines.slice(0, b.endOffset + 1).flatMap((l) => l.text.split(' '));
		const expected: Record<string, number> = {};
		for (const w of read) expected[String(w.length)] = (expected[String(w.length)] ?? 0) + 1;
		expect(counts(b.state)).toEqual(expected);
	});

	it('basic-11: the sink rows are the projection of exactly the rows the batch read', () => {
		const r = run(BASIC_11);
		const b = r.trace.batches[2]!;
		const first = (b.startOffset ?? 0) * 100;
		expect(b.numOutputRows).toBe(b.numInputRows);
		expect(b.output).toHaveLength(5); // .option("numRows", 5)
		expect(b.output[0]?.cells.slice(1)).toEqual([String(first), String(first % 10)]);
		expect(b.output[0]?.cells[0]).toBe(
			new Date(r.trace.epochOffsetMs + r.trace.queryStartMs + (b.startOffset ?? 0) * 1000)
				.toISOString()
				.replace('T', ' ')
				.slice(0, 23)
		);
	});

	it('append with an aggregation and no watermark: Spark’s AnalysisException, located, no batch', () => {
		const code = BASIC_01.replace('.outputMode("complete")', '.outputMode("append")');
		const r = run(code, true);
		expect(r.rejection).toMatchObject({ line: lineOf(code, '.outputMode("append")') });
		expect(r.trace.error).toMatch(
			/^Append output mode not supported when there are streaming aggregations/
		);
		expect(r.trace.batches).toEqual([]);
		// A batch query has no output mode: the bounded side still has its answer.
		expect(r.bounded?.rows).toHaveLength(5);
	});

	it('a program the reader cannot read is an error value with its line, never a throw', () => {
		const r = runMicroBatchProgram(BASIC_01.replace('.count()\n\nquery', '.count(\n\nquery'), {
			cluster
		});
		expect(r.ok).toBe(false);
		const unknown = runMicroBatchProgram(
			BASIC_01.replace('counts = stream.groupBy', 'counts = stream.frobnicate().groupBy'),
			{ cluster }
		);
		expect(unknown).toMatchObject({
			ok: false,
			error: { line: lineOf(BASIC_01, 'counts = stream.groupBy') }
		});
	});
});

describe('continuous="…": the program runs on the continuous-processing engine (R1.4.6)', () => {
	const continuousCode = (interval: string) =>
		BASIC_11.replace('processingTime="2 seconds"', `continuous="${interval}"`);

	it('continuous="2 seconds": epochs start 2 s apart, over the program’s rate and partitions', () => {
		const code = continuousCode('2 seconds')
			.replace('"rowsPerSecond", 100', '"rowsPerSecond", 40')
			.replace('"numPartitions", 2', '"numPartitions", 3');
		const r = continuousRun(code);
		expect(r.trace.config).toMatchObject({
			epochIntervalMs: 2000,
			rowsPerSecond: 40,
			numPartitions: 3,
			cores: 4,
			perRowCostUs: 50,
			sink: 'console'
		});
		const starts = r.trace.epochs.map((e) => e.startMs);
		// Epoch 1 starts when the epoch thread does; from epoch 2 on, on the 2 s grid.
		for (let i = 3; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(2000);
		expect(r.trace.lanes).toHaveLength(3);
		// The contrast is the same query as processingTime at the same interval.
		expect(r.trace.latency.microBatch.triggerIntervalMs).toBe(2000);
		expect(r.trigger).toEqual({ kind: 'continuous', intervalMs: 2000 });
		expect(r.source).toMatchObject({ kind: 'rate', rowsPerSecond: 40, numPartitions: 3 });
	});

	it('continuous="1 second" and "500 milliseconds" change only the epoch interval', () => {
		expect(continuousRun(continuousCode('1 second')).trace.config.epochIntervalMs).toBe(1000);
		expect(continuousRun(continuousCode('500 milliseconds')).trace.config.epochIntervalMs).toBe(
			500
		);
	});

	it('the cores and per-row cost come from the simulated cluster; too few cores stall it', () => {
		const r = continuousRun(continuousCode('1 second'), {
			...cluster,
			cores: 1,
			perRowCostUs: 200
		});
		expect(r.trace.config).toMatchObject({ cores: 1, perRowCostUs: 200 });
		expect(r.trace.stall?.waitingPartitions).toEqual([1]);
		expect(r.trace.epochs.every((e) => e.commitMs === null)).toBe(true);
	});

	it('an injected failure stops the query; the restart replays rows after the last committed epoch', () => {
		const r = continuousRun(continuousCode('1 second'), { ...cluster, failureAtMs: 5500 });
		expect(r.trace.failure).toMatchObject({ atMs: 5500, restartMs: 7500 });
		expect(r.trace.failure!.reprocessedRows).toBeGreaterThan(0);
	});

	it('an aggregation under a continuous trigger: Spark’s AnalysisException at its line, no run', () => {
		const code = continuousCode('1 second')
			.replace(
				'shaped = ticks.select(',
				'shaped = ticks.groupBy("value").count()\nunused = ticks.select('
			)
			.replace(
				'shaped.writeStream\n    .outputMode("append")',
				'shaped.writeStream\n    .outputMode("complete")'
			);
		const r = run(code);
		expect(r.trace.error).toBe('Continuous processing does not support Aggregate operations.');
		expect(r.trace.batches).toEqual([]);
		expect(r.rejection).toMatchObject({ line: lineOf(code, 'shaped = ticks.groupBy') });
		expect(r.trigger.kind).toBe('continuous');
	});

	it('a sink or source the simulation cannot run continuously is refused at its line', () => {
		const parquet = continuousCode('1 second').replace('.format("console")', '.format("parquet")');
		expect(runMicroBatchProgram(parquet, { cluster })).toMatchObject({
			ok: false,
			error: { message: expect.stringMatching(/format "parquet"/) }
		});
	});

	it('markers: epoch started, offsets/N, commits/N in order, then the failure and the restart, each naming its rule', () => {
		const r = continuousRun(continuousCode('1 second'), { ...cluster, failureAtMs: 5500 });
		const m = continuousMarkers(r.trace);
		const e2 = m.filter((x) => x.epoch === 2 && x.id.includes('-0-')).map((x) => x.kind);
		expect(e2).toEqual(['epoch', 'offsets', 'commit']);
		expect(m.find((x) => x.kind === 'failure')).toMatchObject({ atMs: 5500 });
		expect(m.find((x) => x.kind === 'restart')).toMatchObject({ atMs: 7500 });
		for (const x of m)
			expect(x.rule).toMatch(
				/^R1\.4\.6 \((ContinuousExecution|EpochCoordinator)[^)]*\): .*SS-PERF#continuous-processing$/
			);
		expect(new Set(m.map((x) => x.id)).size).toBe(m.length);
		expect(epochCommitTimes(r.trace)).toEqual(
			m.filter((x) => x.kind === 'commit').map((x) => x.atMs)
		);
	});

	it('focus: the .trigger(continuous=...) line at each epoch commit, nothing mid-epoch', () => {
		const code = continuousCode('1 second');
		const r = continuousRun(code);
		const e = r.trace.epochs.find((x) => x.epoch === 3)!;
		const line = lineOf(code, '.trigger(continuous=');
		expect(continuousFocusAt(r.trace, r.spans, e.commitMs!)).toEqual([
			expect.objectContaining({
				kind: 'trigger',
				line,
				endLine: line,
				label: expect.stringMatching(/^epoch 3 committed/)
			})
		]);
		expect(continuousFocusAt(r.trace, r.spans, e.commitMs! + 700)).toEqual([]);
	});
});

describe('the bounded answer (basic-01: the same query on spark.range(0, 100))', () => {
	it('as written: 20 values per key', () => {
		expect(run(BASIC_01, true).bounded).toMatchObject({
			table: 'spark.range(0, 100)',
			columns: ['key', 'count'],
			error: null
		});
		expect(counts(run(BASIC_01, true).bounded!.rows)).toEqual({
			'0': 20,
			'1': 20,
			'2': 20,
			'3': 20,
			'4': 20
		});
	});
	it('% 3 → 34, 33, 33; a filter on even values → 10 per key', () => {
		const mod3 = BASIC_01.replace(
			'% NUM_KEYS).alias("key")).count()\n\nquery',
			'% 3).alias("key")).count()\n\nquery'
		);
		expect(counts(run(mod3, true).bounded!.rows)).toEqual({ '0': 34, '1': 33, '2': 33 });
		const even = BASIC_01.replace(
			'counts = stream.groupBy',
			'counts = stream.where(F.col("value") % 2 == 0).groupBy'
		);
		expect(counts(run(even, true).bounded!.rows)).toEqual({
			'0': 10,
			'1': 10,
			'2': 10,
			'3': 10,
			'4': 10
		});
	});
});

describe('markers and code focus', () => {
	const r = run(BASIC_11.replace('"rowsPerSecond", 100', '"rowsPerSecond", 2000'));
	it('each batch: trigger, offsets logged, sink received, commit, in that order', () => {
		const m = microBatchMarkers(r.trace);
		const b1 = m.filter((x) => x.batchId === 1).map((x) => x.kind);
		expect(b1.slice(0, 4)).toEqual(['trigger', 'offsets', 'emitted', 'commit']);
		for (const x of m) expect(x.rule).toMatch(/^R\d/);
	});
	it('an overrunning batch is marked falling behind; idle ticks are marked', () => {
		const busy = BASIC_11.replace('"rowsPerSecond", 100', '"rowsPerSecond", 2000');
		const slow = runAny(busy, false, { ...cluster, perRowCostUs: 900 });
		const kinds =
			slow.kind === 'microBatch' ? microBatchMarkers(slow.trace).map((x) => x.kind) : [];
		expect(kinds).toContain('behind');
		const sub = run(
			BASIC_11.replace('processingTime="2 seconds"', 'processingTime="250 milliseconds"')
		);
		expect(microBatchMarkers(sub.trace).some((x) => x.kind === 'idle')).toBe(true);
	});
	it('focus: the trigger line at a trigger, the readStream chain at walCommit, outputMode after addBatch', () => {
		const b = r.trace.batches[2]!;
		const at = (phase: string) => b.phases.find((p) => p.phase === phase)!.startMs;
		const lines = (t: number) =>
			microBatchFocusAt(r.trace, r.spans, t).map((f) => [f.kind, f.line, f.endLine]);
		const code = BASIC_11;
		expect(lines(b.triggerAt)).toEqual([
			['trigger', lineOf(code, '.trigger('), lineOf(code, '.trigger(')]
		]);
		expect(lines(at('walCommit'))).toEqual([
			['source', lineOf(code, 'spark.readStream'), lineOf(code, '.load()')]
		]);
		expect(lines(b.commitAt)).toEqual([
			['outputMode', lineOf(code, '.outputMode('), lineOf(code, '.outputMode(')]
		]);
	});
});
