import { describe, expect, it } from 'vitest';
import { runConfigOf, type SimulatedCluster } from '../../../simulations/frames/micro-batch-program';
import { microBatchFocusAt } from '../../../simulations/frames/micro-batch-code-focus';
import { microBatchMarkers } from '../../../simulations/frames/micro-batch-markers';
import { runMicroBatchProgram, type MicroBatchRun } from '../../../simulations/frames/micro-batch-run';
import { defaultProgram } from '../../../simulations/programs/defaults';
import { readProgram } from '../../../simulations/structured/reader/index';
import { rateProgram } from './queries';

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

function run(code: string, bounded = false): MicroBatchRun {
	const r = runMicroBatchProgram(code, { cluster, ...(bounded ? { bounded: { start: 0, end: 100 } } : {}) });
	if (!r.ok) throw new Error(`line ${r.error.line}: ${r.error.message}`);
	return r.value;
}

const lineOf = (code: string, needle: string) => code.split('\n').findIndex((l) => l.includes(needle)) + 1;

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
		expect(c.ok && c.value.config.source).toEqual({ kind: 'rate', rowsPerSecond: 7, numPartitions: 3, numPartitionsOption: true });
		expect(c.ok && c.value.config.trigger).toEqual({ kind: 'processingTime', intervalMs: 500 });
	});

	it('without numPartitions the rate source takes the local cores (4), printed as "default"', () => {
		const c = configOf(BASIC_01);
		expect(c.ok && c.value.config.source).toEqual({ kind: 'rate', rowsPerSecond: 5, numPartitions: 4, numPartitionsOption: false });
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
		expect(c.ok && c.value.config.source).toEqual({ kind: 'socket', linesPerSecond: 2, wordsPerLine: 3 });
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
		expect(!p.ok && [p.error.line, p.error.message]).toEqual([lineOf(many, '"numPartitions"'), expect.stringMatching(/at most 64 partitions/)]);
		const fast = BASIC_11.replace('"rowsPerSecond", 100', '"rowsPerSecond", 50000');
		expect(configOf(fast)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/at most 10,000 rows per second/) } });
	});

	it('refuses a source this simulation cannot feed, at its load()', () => {
		const kafka = BASIC_01.replace('format("rate")', 'format("kafka")').replace('.option("rowsPerSecond", 5)', '.option("subscribe", "t")');
		const c = configOf(kafka);
		expect(c).toMatchObject({ ok: false, error: { message: expect.stringMatching(/rate or socket source; the program reads format "kafka"/) } });
	});
});

describe('runMicroBatchProgram: batch results come from the user’s query', () => {
	it('basic-01 as written: counts per value % 5, complete mode sends the whole table', () => {
		const r = run(BASIC_01);
		for (const b of r.trace.batches) {
			const n = 5 * b.endOffset; // values 0 … n−1 read by the end of this batch
			const expected = Object.fromEntries([0, 1, 2, 3, 4].filter((k) => k < n).map((k) => [String(k), Math.floor((n - 1 - k) / 5) + 1]));
			expect(counts(b.state)).toEqual(expected);
			expect(b.numOutputRows).toBe(b.state.length);
		}
	});

	it('editing % NUM_KEYS to % 3 changes the result table: keys 0, 1, 2', () => {
		const r = run(BASIC_01.replace('% NUM_KEYS).alias("key")).count()\n\nquery', '% 3).alias("key")).count()\n\nquery'));
		// Seed 1 starts the query at 627 ms; the trigger at 4 s reads up to second 3: values 0 … 14.
		const b = r.trace.batches.find((x) => x.endOffset === 3)!;
		expect(counts(b.state)).toEqual({ '0': 5, '1': 5, '2': 5 });
		expect(counts(b.output)).toEqual({ '0': 5, '1': 5, '2': 5 });
	});

	it('adding .where(value % 2 == 0) counts only even values', () => {
		const code = BASIC_01.replace('counts = stream.groupBy', 'counts = stream.where(F.col("value") % 2 == 0).groupBy');
		const b = run(code).trace.batches.find((x) => x.endOffset === 3)!; // evens of 0 … 14
		// key = v % 5: 0→{0,10} 1→{6} 2→{2,12} 3→{8} 4→{4,14}
		expect(counts(b.state)).toEqual({ '0': 2, '1': 1, '2': 2, '3': 1, '4': 2 });
	});

	it('update mode: the sink gets only the keys this batch touched', () => {
		const code = rateProgram('stream.where(F.col("value") < 7).groupBy((F.col("value") % 10).alias("key")).count()', 'update');
		const r = run(code);
		// At 5 rows/s the values 0 … 6 arrive in the first two seconds; keys 0 … 6, once each.
		const touched = r.trace.batches.filter((b) => b.numOutputRows > 0);
		expect(touched.flatMap((b) => b.output.map((o) => o.cells[0])).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6']);
		const last = r.trace.batches.at(-1)!;
		expect(last.numOutputRows).toBe(0);
		expect(last.state).toHaveLength(7);
		expect(last.progress.stateOperators[0]).toMatchObject({ numRowsTotal: 7, numRowsUpdated: 0 });
	});

	it('basic-02: changing groupBy("word") to the word length groups by length', () => {
		const code = BASIC_02.replace('words.groupBy("word")', 'words.groupBy(F.length("word").alias("len"))');
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
		expect(b.output[0]?.cells[0]).toBe(new Date(r.trace.epochOffsetMs + r.trace.queryStartMs + (b.startOffset ?? 0) * 1000).toISOString().replace('T', ' ').slice(0, 23));
	});

	it('append with an aggregation and no watermark: Spark’s AnalysisException, located, no batch', () => {
		const code = BASIC_01.replace('.outputMode("complete")', '.outputMode("append")');
		const r = run(code, true);
		expect(r.rejection).toMatchObject({ line: lineOf(code, '.outputMode("append")') });
		expect(r.trace.error).toMatch(/^Append output mode not supported when there are streaming aggregations/);
		expect(r.trace.batches).toEqual([]);
		// A batch query has no output mode: the bounded side still has its answer.
		expect(r.bounded?.rows).toHaveLength(5);
	});

	it('a program the reader cannot read is an error value with its line, never a throw', () => {
		const r = runMicroBatchProgram(BASIC_01.replace('.count()\n\nquery', '.count(\n\nquery'), { cluster });
		expect(r.ok).toBe(false);
		const unknown = runMicroBatchProgram(BASIC_01.replace('counts = stream.groupBy', 'counts = stream.frobnicate().groupBy'), { cluster });
		expect(unknown).toMatchObject({ ok: false, error: { line: lineOf(BASIC_01, 'counts = stream.groupBy') } });
	});

	it('continuous: the trace says it is not simulated (one place to swap in the engine)', () => {
		const r = run(BASIC_11.replace('processingTime="2 seconds"', 'continuous="1 second"'));
		expect(r.trace.unsupported).toMatch(/^Continuous processing is not simulated yet/);
		expect(r.trace.batches).toEqual([]);
	});
});

describe('the bounded answer (basic-01: the same query on spark.range(0, 100))', () => {
	it('as written: 20 values per key', () => {
		expect(run(BASIC_01, true).bounded).toMatchObject({
			table: 'spark.range(0, 100)',
			columns: ['key', 'count'],
			error: null
		});
		expect(counts(run(BASIC_01, true).bounded!.rows)).toEqual({ '0': 20, '1': 20, '2': 20, '3': 20, '4': 20 });
	});
	it('% 3 → 34, 33, 33; a filter on even values → 10 per key', () => {
		const mod3 = BASIC_01.replace('% NUM_KEYS).alias("key")).count()\n\nquery', '% 3).alias("key")).count()\n\nquery');
		expect(counts(run(mod3, true).bounded!.rows)).toEqual({ '0': 34, '1': 33, '2': 33 });
		const even = BASIC_01.replace('counts = stream.groupBy', 'counts = stream.where(F.col("value") % 2 == 0).groupBy');
		expect(counts(run(even, true).bounded!.rows)).toEqual({ '0': 10, '1': 10, '2': 10, '3': 10, '4': 10 });
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
		const slow = runMicroBatchProgram(busy, { cluster: { ...cluster, perRowCostUs: 900 } });
		const kinds = slow.ok ? microBatchMarkers(slow.value.trace).map((x) => x.kind) : [];
		expect(kinds).toContain('behind');
		const sub = run(BASIC_11.replace('processingTime="2 seconds"', 'processingTime="250 milliseconds"'));
		expect(microBatchMarkers(sub.trace).some((x) => x.kind === 'idle')).toBe(true);
	});
	it('focus: the trigger line at a trigger, the readStream chain at walCommit, outputMode after addBatch', () => {
		const b = r.trace.batches[2]!;
		const at = (phase: string) => b.phases.find((p) => p.phase === phase)!.startMs;
		const lines = (t: number) => microBatchFocusAt(r.trace, r.spans, t).map((f) => [f.kind, f.line, f.endLine]);
		const code = BASIC_11;
		expect(lines(b.triggerAt)).toEqual([['trigger', lineOf(code, '.trigger('), lineOf(code, '.trigger(')]]);
		expect(lines(at('walCommit'))).toEqual([['source', lineOf(code, 'spark.readStream'), lineOf(code, '.load()')]]);
		expect(lines(b.commitAt)).toEqual([['outputMode', lineOf(code, '.outputMode('), lineOf(code, '.outputMode(')]]);
	});
});
