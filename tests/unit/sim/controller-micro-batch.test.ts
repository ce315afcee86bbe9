import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { controllerOf, type MbController as Controller } from './controllers';

import { microBatchScenario } from '../../../simulations/kinds/micro-batch/questions';
import { serialiseUrlState } from '../../../src/lib/sim/url-state';

const basic01 = microBatchScenario('basic-01-stream-processing')!;
const basic11 = microBatchScenario('basic-11-micro-batches')!;
/** The micro-batch trace on screen (these pages' programs run as micro-batches). */
const mb = (c: Controller) => {
	if (c.run!.kind !== 'microBatch') throw new Error('expected a micro-batch run');
	return c.run!.trace;
};
const keys = (c: Controller) =>
	mb(c)
		.batches.at(-1)!
		.state.map((r) => r.key);

describe('micro-batch session: the program is the simulation', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('an edit to the query re-runs it once the typing pauses', () => {
		const c = controllerOf(basic01);
		const session = c.program;
		expect(keys(c)).toEqual(['0', '1', '2', '3', '4']);
		session.edit(
			session.code.replace(
				'% NUM_KEYS).alias("key")).count()\n\nquery',
				'% 2).alias("key")).count()\n\nquery'
			)
		);
		expect(keys(c)).toHaveLength(5);
		vi.runAllTimers();
		expect(keys(c)).toEqual(['0', '1']);
	});

	it('a parameter rewrites only its span; the user’s edit to the query stays', () => {
		const c = controllerOf(basic01);
		const session = c.program;
		session.edit(
			session.code.replace(
				'counts = stream.groupBy',
				'counts = stream.where(F.col("value") > 3).groupBy'
			)
		);
		vi.runAllTimers();
		c.set('numKeys', 2);
		expect(session.code).toContain('NUM_KEYS = 2  # <- numKeys');
		expect(session.code).toContain('stream.where(F.col("value") > 3)');
		expect(keys(c)).toEqual(['0', '1']);
	});

	it('the append-rejected preset: the run carries the AnalysisException, the editor marks its line', () => {
		const c = controllerOf(basic01);
		const session = c.program;
		c.playback.seek(12_000);
		c.pick(basic01.presets.find((p) => p.id === 'append-rejected')!);
		expect(mb(c).error).toMatch(/^Append output mode not supported/);
		const line = session.code.split('\n').findIndex((l) => l.includes('.outputMode("append")')) + 1;
		expect(c.diagnostics).toEqual([expect.objectContaining({ line })]);
		// Back to a query that runs: the cursor returns to where it stood.
		c.pick(basic01.presets[0]!);
		expect(mb(c).error).toBeNull();
		expect(c.playback.now).toBe(12_000);
		expect(c.diagnostics).toEqual([]);
	});

	it('a program the engine cannot read: a located diagnostic and no run (nothing stale plays)', () => {
		const c = controllerOf(basic11);
		const session = c.program;
		expect(c.stops.length).toBeGreaterThan(0);
		session.edit(session.code.replace('"numPartitions", 2', '"numPartitions", -1'));
		vi.runAllTimers();
		expect(c.run).toBeNull();
		expect(c.stops).toEqual([]);
		expect(c.markers).toEqual([]);
		const line = session.code.split('\n').findIndex((l) => l.includes('"numPartitions"')) + 1;
		expect(c.diagnostics).toEqual([
			expect.objectContaining({ line, message: expect.stringMatching(/numPartitions/) })
		]);
	});

	it('after an edit, the controls show what the program says', () => {
		const c = controllerOf(basic11);
		const session = c.program;
		session.edit(
			session.code
				.replace('"rowsPerSecond", 100', '"rowsPerSecond", 250')
				.replace('processingTime="2 seconds"', 'once=True')
		);
		vi.runAllTimers();
		c.syncParams();
		expect(c.params).toMatchObject({ eventRate: 250, triggerKind: 'once', triggerInterval: 2 });
		expect(mb(c).config.trigger.kind).toBe('once');
		expect(c.programEdited).toBe(false);
	});

	it('an edit to continuous="2 seconds": a continuous run, and the controls say so', () => {
		const c = controllerOf(basic11);
		const session = c.program;
		session.edit(session.code.replace('processingTime="2 seconds"', 'continuous="2 seconds"'));
		vi.runAllTimers();
		c.syncParams();
		expect(c.run!.kind).toBe('continuous');
		expect(c.params).toMatchObject({ triggerKind: 'continuous', triggerInterval: 2 });
		expect(c.programEdited).toBe(false);
	});
});

describe('the continuous-contrast preset on basic-11', () => {
	const preset = basic11.presets.find((p) => p.id === 'continuous-contrast')!;
	const continuous = (c: Controller) => {
		if (c.run!.kind !== 'continuous') throw new Error('expected a continuous run');
		return c.run!.trace;
	};

	it('writes .trigger(continuous="1 second") and runs the continuous engine with the injected failure', () => {
		const c = controllerOf(basic11);
		c.pick(preset);
		expect(c.program.code).toContain('.trigger(continuous="1 second")  # <- triggerInterval');
		const t = continuous(c);
		expect(t.config.epochIntervalMs).toBe(1000);
		expect(t.failure?.atMs).toBe(9500);
		expect(c.markers.map((m) => m.kind)).toEqual(
			expect.arrayContaining(['epoch', 'offsets', 'commit', 'failure', 'restart'])
		);
	});

	it('step stops at the next epoch commit, step back at the previous one; the count is of epochs', () => {
		const c = controllerOf(basic11);
		c.pick(preset);
		c.playback.seek(0);
		const commits = continuous(c)
			.epochs.flatMap((e) => (e.commitMs === null ? [] : [e.commitMs]))
			.sort((a, z) => a - z);
		c.playback.step();
		expect(c.playback.now).toBe(commits[0]);
		c.playback.step();
		c.playback.step();
		expect(c.playback.now).toBe(commits[2]);
		expect(c.stopCount).toBe(3);
		c.playback.stepBack();
		expect(c.playback.now).toBe(commits[1]);
	});

	it('batch= names an epoch: a share link comes back to the same commit', () => {
		const c = controllerOf(basic11);
		c.pick(preset);
		c.playback.seek(0);
		for (let i = 0; i < 5; i++) c.playback.step();
		const query = serialiseUrlState(c.urlState(), c.urlSpec);
		expect(query.get('preset')).toBe('continuous-contrast');
		expect(query.get('batch')).toBe('4');
		const d = controllerOf(basic11);
		d.applyQuery(query);
		expect(d.run!.kind).toBe('continuous');
		expect(d.playback.now).toBe(c.playback.now);
		expect(d.notices).toEqual([]);
	});

	it('back to processingTime: micro-batches again, the cursor where it was', () => {
		const c = controllerOf(basic11);
		c.pick(preset);
		c.playback.seek(12_000);
		c.set('triggerKind', 'processingTime');
		expect(c.run!.kind).toBe('microBatch');
		expect(c.program.code).toContain('.trigger(processingTime="1 second")');
		expect(c.playback.now).toBe(12_000);
	});

	it('the failure time is clamped into its range, with a notice', () => {
		const c = controllerOf(basic11);
		c.pick(preset);
		c.set('failureAt', 999);
		expect(c.params['failureAt']).toBe(60);
		expect(c.notices).toHaveLength(1);
		// 60 s is the run's end: no failure inside it, and the trace says so.
		expect(continuous(c).failure).toBeNull();
		expect(continuous(c).notices.join(' ')).toMatch(/not inside the run/);
	});
});

describe('basic-02: the DStream side’s URL keys', () => {
	it('api and totals belong to the other side: not reported as unknown', () => {
		const c = controllerOf(microBatchScenario('basic-02-pyspark-streaming-support')!);
		c.applyQuery(new URLSearchParams('api=dstream&totals=1&linesPerSecond=3&seed=4&batch=2'));
		expect(c.notices).toEqual([]);
		expect(c.params['linesPerSecond']).toBe(3);
		c.applyQuery(new URLSearchParams('frobnicate=1'));
		expect(c.notices).toEqual(['Unknown URL parameter “frobnicate” ignored.']);
	});
});
