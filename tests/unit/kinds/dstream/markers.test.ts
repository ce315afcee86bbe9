import { describe, expect, it } from 'vitest';
import { DS_MARKER_KINDS, dstreamMarkersOf } from '../../../../simulations/kinds/dstream/markers';
import type { DsRun } from '../../../../simulations/kinds/dstream/frames';
import { runDStreamProgram } from '../../../../simulations/kinds/dstream/run';
import { basic02DStreams } from '../../../../simulations/questions/basic-02-pyspark-streaming-support/dstream';
import { linesBetween, type SocketLine } from '../../../../simulations/kinds/dstream/socket-lines';
import { defaultParams, type Params } from '../../../../simulations/core/params';
import { defaults, LINES, runFixture } from './fixture';

function ok(r: ReturnType<typeof runFixture>): DsRun {
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
}

const of = (run: DsRun, kind: string) => dstreamMarkersOf(run).filter((m) => m.kind === kind);

function basic02(params: Partial<Params> = {}): DsRun {
	const p = { ...defaultParams(basic02DStreams.schema), ...params } as Params;
	const lines = basic02DStreams.lines(p, 1);
	return ok(
		runDStreamProgram(basic02DStreams.program(p), {
			durationMs: basic02DStreams.runMs,
			startEpochMs: basic02DStreams.startEpochMs,
			sources: [{ arrivals: (from, to) => linesBetween(lines, from, to) }],
			cost: basic02DStreams.cost,
			seed: 1
		})
	);
}

describe('dstreamMarkersOf(basic-03 on fixed lines, 2 s batches)', () => {
	it('one batch marker per batch, at its batch time, with its record and block counts', () => {
		const run = ok(runFixture());
		const batches = of(run, 'batch');
		expect(batches.map((m) => m.atMs)).toEqual([2000, 4000, 6000, 8000, 10000, 12000]);
		expect(batches[0]?.label).toBe('batch at 2 s generated: 3 records in 3 blocks, one job');
		expect(batches[0]?.rule).toMatch(/^R8\.1: every batchDuration \(here 2 s\)/);
	});

	it('a block marker for each block the receiver cut, the engine’s times and sizes', () => {
		const run = ok(runFixture());
		const blocks = of(run, 'block');
		expect(blocks.map((m) => [m.atMs, m.batchTime])).toEqual([
			[200, 2000],
			[1000, 2000],
			[1600, 2000],
			[2400, 4000],
			[4200, 6000],
			[6000, 6000]
		]);
		// Every record the socket delivered is in exactly one block.
		const records = run.batches.flatMap((b) => b.blocks).reduce((n, k) => n + k.records, 0);
		expect(records).toBe(LINES.length);
		expect(blocks[0]?.rule).toContain('spark.streaming.blockInterval (here 200 ms)');
	});

	it('window, state and output markers sit at the end of each batch’s job', () => {
		const run = ok(runFixture());
		const ends = run.batches.map((b) => b.endMs);
		for (const kind of ['window', 'state', 'output'])
			expect(of(run, kind).map((m) => m.atMs)).toEqual(ends);
		expect(of(run, 'window')[3]?.label).toBe(
			'windowed at 8 s: window of 6 s over the batches at 4 s, 6 s, 8 s, 2 elements'
		);
		expect(of(run, 'output')[0]?.label).toBe(
			'batch at 2 s ran 3 output operations in order: per_batch.pprint(), windowed.pprint(), totals.pprint()'
		);
		expect(of(run, 'state')[0]?.rule).toMatch(
			/^R8\.4: updateStateByKey calls the update function for every key/
		);
	});

	it('a window sliding by 4 s over 2 s batches is computed every other batch only', () => {
		const run = ok(runFixture({ ...defaults(), windowLength: 8, slideInterval: 4 }));
		expect(of(run, 'window').map((m) => m.batchTime)).toEqual([4000, 8000, 12000]);
		// Its output operation runs only when its DStream has an RDD (at slide times).
		expect(of(run, 'output')[0]?.label).toBe(
			'batch at 2 s ran 2 output operations in order: per_batch.pprint(), totals.pprint()'
		);
	});

	it('checkpoints: metadata at every batch time, the stateful RDDs at 10 s (2 s × ceil(10 s / 2 s))', () => {
		const run = ok(runFixture());
		const cps = of(run, 'checkpoint');
		expect(cps.filter((m) => m.id.split('-').length === 2).map((m) => m.atMs)).toEqual([
			2000, 4000, 6000, 8000, 10000, 12000
		]);
		const data = cps.filter((m) => m.rule.includes('lineage'));
		expect(data.map((m) => [m.batchTime, m.atMs])).toEqual([
			[10000, run.batches[4]?.endMs],
			[10000, run.batches[4]?.endMs]
		]);
		expect(data.map((m) => m.label)).toEqual([
			'the RDD of windowed at 10 s written to the checkpoint directory: its lineage is cut there',
			'the RDD of totals at 10 s written to the checkpoint directory: its lineage is cut there'
		]);
	});

	it('no scheduling delay while batches keep up; when lines outpace the core, one marker per late batch at its start', () => {
		expect(of(ok(runFixture()), 'delay')).toEqual([]);
		const busy: SocketLine[] = Array.from({ length: 400 }, (_, i) => ({
			atMs: 1 + i * 25,
			line: 'spark rdd batch'
		}));
		const run = ok(runFixture(defaults(), busy));
		const late = run.batches.filter((b) => b.schedulingDelay > 0);
		expect(late.length).toBeGreaterThan(0);
		expect(of(run, 'delay').map((m) => [m.batchTime, m.atMs])).toEqual(
			late.map((b) => [b.batchTime, b.startMs])
		);
		expect(of(run, 'delay')[0]?.rule).toContain('spark.streaming.concurrentJobs = 1');
	});

	it('ids are unique; markers are in time order, and at one instant in the order of a batch', () => {
		const markers = dstreamMarkersOf(ok(runFixture()));
		expect(new Set(markers.map((m) => m.id)).size).toBe(markers.length);
		for (let i = 1; i < markers.length; i++) {
			const [a, z] = [markers[i - 1]!, markers[i]!];
			expect(a.atMs <= z.atMs).toBe(true);
			if (a.atMs === z.atMs && a.batchTime === z.batchTime) {
				expect(DS_MARKER_KINDS.indexOf(a.kind)).toBeLessThanOrEqual(
					DS_MARKER_KINDS.indexOf(z.kind)
				);
			}
		}
	});
});

describe('dstreamMarkersOf(basic-02)', () => {
	it('the page’s per-batch program: no window, no state, no checkpoint written', () => {
		const run = basic02();
		expect(run.batches).toHaveLength(20);
		for (const kind of ['window', 'state', 'checkpoint']) expect(of(run, kind)).toEqual([]);
		expect(of(run, 'output')).toHaveLength(20);
	});

	it('running totals: a state marker per batch, metadata checkpoints, the state RDD saved at 10 s and 20 s', () => {
		const run = basic02({ totals: 'on' });
		expect(of(run, 'state')).toHaveLength(20);
		const data = of(run, 'checkpoint').filter((m) => m.rule.includes('lineage'));
		expect(data.map((m) => m.batchTime)).toEqual([10000, 20000]);
	});
});
