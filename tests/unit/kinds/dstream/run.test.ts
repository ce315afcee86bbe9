import { describe, expect, it } from 'vitest';
import {
	frameAt,
	nextBatchEnd,
	windowBatchTimes,
	type DsRun
} from '../../../../simulations/kinds/dstream/frames';
import { runFixture } from './fixture';

function fixedRun(): DsRun {
	const r = runFixture();
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
}

/** The elements of one row at one batch time, sorted (reduceByKey's order is a hash order). */
const cellOf = (run: DsRun, name: string, batchTime: number) => {
	const i = run.rows.findIndex((r) => r.name === name);
	const b = run.batches.find((x) => x.batchTime === batchTime);
	const c = b?.cells[i];
	return c ? { ...c, records: [...c.records].sort() } : undefined;
};

describe('runDStreamProgram on basic-03 (fixed lines, 2 s batches)', () => {
	it('draws one row per DStream that matters: input, per batch, window, state, named as in the program', () => {
		const run = fixedRun();
		expect(run.rows.map((r) => [r.name, r.kind, r.op])).toEqual([
			['lines', 'input', 'socketTextStream'],
			['per_batch', 'batch', 'reduceByKey'],
			['windowed', 'window', 'reduceByKeyAndWindow'],
			['totals', 'state', 'updateStateByKey']
		]);
		expect(run.rows[2]?.windowMs).toBe(6000);
		expect(run.batchMs).toBe(2000);
		expect(run.blockIntervalMs).toBe(200);
	});

	it('makes one batch per interval at 2 s, 4 s, ... and the input RDD holds that interval’s lines', () => {
		const run = fixedRun();
		expect(run.batches.map((b) => b.batchTime)).toEqual([2000, 4000, 6000, 8000, 10000, 12000]);
		expect(cellOf(run, 'lines', 2000)?.records).toEqual(["'rdd rdd'", "'spark rdd'", "'spark'"]);
		expect(cellOf(run, 'lines', 4000)?.records).toEqual(["'spark'"]);
		expect(run.batches.map((b) => b.numRecords)).toEqual([3, 1, 2, 0, 0, 0]);
	});

	it('cuts blocks every 200 ms: the lines at 100 ms and 900 ms land in the blocks at 200 ms and 1000 ms', () => {
		const run = fixedRun();
		expect(run.batches[0]?.blocks).toEqual([
			{ atMs: 200, records: 1 },
			{ atMs: 1000, records: 1 },
			{ atMs: 1600, records: 1 }
		]);
		expect(cellOf(run, 'lines', 2000)?.partitionSizes).toEqual([1, 1, 1]);
	});

	it('per_batch counts only its own batch; windowed sums the last 3 batches; totals keep growing', () => {
		const run = fixedRun();
		expect(cellOf(run, 'per_batch', 2000)?.records).toEqual(["('rdd', 3)", "('spark', 2)"]);
		expect(cellOf(run, 'per_batch', 4000)?.records).toEqual(["('spark', 1)"]);
		// Window at 6 s covers (0, 6]: all three batches.
		expect(cellOf(run, 'windowed', 6000)?.records).toEqual([
			"('batch', 2)",
			"('rdd', 3)",
			"('spark', 4)"
		]);
		// Window at 8 s covers (2, 8]: the first batch has left. A 6 s window is under 5 slides,
		// so PySpark reduces the 3 batches afresh (PythonReducedWindowedDStream) and `rdd` is gone.
		expect(cellOf(run, 'windowed', 8000)?.records).toEqual(["('batch', 2)", "('spark', 2)"]);
		expect(cellOf(run, 'totals', 12000)?.records).toEqual([
			"('batch', 2)",
			"('rdd', 3)",
			"('spark', 4)"
		]);
	});

	it('a window of at least 5 slides subtracts the leaving batch with the inverse function: rdd stays at 0', () => {
		const r = runFixture({ ...runFixtureDefaults(), windowLength: 10 });
		if (!r.ok) throw new Error(r.error.message);
		expect(cellOf(r.value, 'windowed', 10000)?.records).toEqual([
			"('batch', 2)",
			"('rdd', 3)",
			"('spark', 4)"
		]);
		expect(cellOf(r.value, 'windowed', 12000)?.records).toEqual([
			"('batch', 2)",
			"('rdd', 0)",
			"('spark', 2)"
		]);
	});

	it('marks the data checkpoints of the stateful streams at 2 s × ceil(10 s / 2 s) = 10 s', () => {
		const run = fixedRun();
		const saved = run.batches.flatMap((b) =>
			b.cells.filter((c) => c.checkpointed).map((c) => `${c.nodeId}@${b.batchTime}`)
		);
		const ids = run.rows
			.filter((r) => r.kind === 'window' || r.kind === 'state')
			.map((r) => r.nodeId);
		expect(saved).toEqual(ids.map((id) => `${id}@10000`));
	});

	it('pprint prints each output under a Time banner at zeroTime + batch time', () => {
		const run = fixedRun();
		expect(run.batches[0]?.pprint[1]).toBe('Time: 2026-01-01 10:00:02');
		expect(run.batches[0]?.pprint.filter((l) => l.startsWith('Time:'))).toHaveLength(3);
	});

	it('returns Spark’s located error when the checkpoint line is removed', () => {
		const r = runFixture({ ...runFixtureDefaults(), checkpointEnabled: 'off' });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error.message).toContain('The checkpoint directory has not been set');
		expect(r.error.line).toBeGreaterThan(1);
	});

	it('returns PySpark’s ValueError at the window call for a 5 s window over 2 s batches', () => {
		const r = runFixture({ ...runFixtureDefaults(), windowLength: 5 });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error.message).toContain(
			"windowDuration must be multiple of the parent dstream's slide (batch) duration (2000 ms)"
		);
		expect(r.error.line).toBe(23);
	});
});

describe('runDStreamProgram, edits and seeds', () => {
	it('a lambda that fails while a batch runs becomes a located error at its line', async () => {
		const { runDStreamProgram } = await import('../../../../simulations/kinds/dstream/run');
		const { basic03DStreams: sc } =
			await import('../../../../simulations/questions/basic-03-dstreams/question');
		const { LINES } = await import('./fixture');
		const { linesBetween } = await import('../../../../simulations/kinds/dstream/socket-lines');
		const code = sc.template.replace(
			'per_batch = pairs.reduceByKey(lambda a, b: a + b)',
			'per_batch = pairs.reduceByKey(lambda a, b: a + c)'
		);
		const r = runDStreamProgram(code, {
			durationMs: 6000,
			startEpochMs: sc.startEpochMs,
			sources: [{ arrivals: (f, t) => linesBetween(LINES, f, t) }],
			cost: sc.cost,
			seed: 1
		});
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error.message).toContain("name 'c' is not defined");
		expect(r.error.line).toBe(19);
	});

	it('the same seed gives the same run, byte for byte; another seed gives other lines', async () => {
		const { socketLines } = await import('../../../../simulations/kinds/dstream/socket-lines');
		const params = runFixtureDefaults();
		const a = runFixture(params, socketLines(5, 12_000, 11));
		const b = runFixture(params, socketLines(5, 12_000, 11));
		const c = runFixture(params, socketLines(5, 12_000, 12));
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
	});
});

describe('frameAt', () => {
	it('at 3 s: batch 2 s done, batch 4 s filling with the blocks cut so far', () => {
		const run = fixedRun();
		const f = frameAt(run, 3000);
		expect(f.batches.map((b) => [b.batch.batchTime, b.phase, b.received])).toEqual([
			[2000, 'done', 3],
			[4000, 'filling', 1]
		]);
		expect(f.done.map((b) => b.batchTime)).toEqual([2000]);
	});

	it('a batch is queued between its batch time and its start, running until its end', () => {
		const run = fixedRun();
		const b = run.batches[1];
		if (!b) throw new Error('no batch');
		expect(frameAt(run, b.batchTime).batches.find((x) => x.batch === b)?.phase).toBe(
			b.startMs > b.batchTime ? 'queued' : 'running'
		);
		expect(frameAt(run, b.endMs - 1).batches.find((x) => x.batch === b)?.phase).toBe('running');
		expect(frameAt(run, b.endMs).batches.find((x) => x.batch === b)?.phase).toBe('done');
	});

	it('the window bracket covers the batches in (t - 6 s, t] of the last finished window RDD', () => {
		const run = fixedRun();
		const end8 = run.batches.find((b) => b.batchTime === 8000)?.endMs ?? 0;
		expect(frameAt(run, end8).window?.batchTimes).toEqual([4000, 6000, 8000]);
		const row = run.rows[2];
		if (!row) throw new Error('no row');
		expect(windowBatchTimes(run, row, 2000)).toEqual([2000]);
	});

	it('nextBatchEnd steps from one batch end to the next', () => {
		const run = fixedRun();
		const [a, b] = run.batches;
		expect(nextBatchEnd(run, 0)).toBe(a?.endMs);
		expect(nextBatchEnd(run, a?.endMs ?? 0)).toBe(b?.endMs);
	});
});

describe('overrun (cost model of local[2])', () => {
	it('at 50 lines/s batches take longer than 2 s, so the scheduling delay grows batch after batch', async () => {
		const { socketLines } = await import('../../../../simulations/kinds/dstream/socket-lines');
		const params = { ...runFixtureDefaults(), linesPerSecond: 50 };
		const r = runFixture(params, socketLines(50, 20_000, 3), 20_000);
		if (!r.ok) throw new Error(r.error.message);
		const delays = r.value.batches.map((b) => b.schedulingDelay);
		expect(delays[0]).toBe(0);
		for (let i = 2; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1] ?? 0);
	});
});

function runFixtureDefaults() {
	return Object.fromEntries(
		Object.entries({
			batchInterval: 2,
			windowLength: 6,
			slideInterval: 2,
			blockInterval: 200,
			checkpointEnabled: 'on',
			linesPerSecond: 5
		})
	);
}
