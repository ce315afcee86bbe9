import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { microBatchDiagnostics, microBatchSession } from '../../../src/lib/binding/micro-batch-session.svelte';
import { MicroBatchController } from '../../../src/lib/sim/micro-batch.svelte';
import { microBatchScenario } from '../../../simulations/scenarios/micro-batches';

const basic01 = microBatchScenario('basic-01-stream-processing')!;
const basic11 = microBatchScenario('basic-11-micro-batches')!;
const keys = (c: MicroBatchController) => c.trace.batches.at(-1)!.state.map((r) => r.key);

describe('micro-batch session: the program is the simulation', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('an edit to the query re-runs it once the typing pauses', () => {
		const session = microBatchSession(basic01);
		const c = new MicroBatchController(basic01, session);
		expect(keys(c)).toEqual(['0', '1', '2', '3', '4']);
		session.edit(session.code.replace('% NUM_KEYS).alias("key")).count()\n\nquery', '% 2).alias("key")).count()\n\nquery'));
		expect(keys(c)).toHaveLength(5);
		vi.runAllTimers();
		expect(keys(c)).toEqual(['0', '1']);
	});

	it('a parameter rewrites only its span; the user’s edit to the query stays', () => {
		const session = microBatchSession(basic01);
		const c = new MicroBatchController(basic01, session);
		session.edit(session.code.replace('counts = stream.groupBy', 'counts = stream.where(F.col("value") > 3).groupBy'));
		vi.runAllTimers();
		c.set('numKeys', 2);
		expect(session.code).toContain('NUM_KEYS = 2  # <- numKeys');
		expect(session.code).toContain('stream.where(F.col("value") > 3)');
		expect(keys(c)).toEqual(['0', '1']);
	});

	it('the append-rejected preset: the run carries the AnalysisException, the editor marks its line', () => {
		const session = microBatchSession(basic01);
		const c = new MicroBatchController(basic01, session);
		c.playback.seek(12_000);
		c.pick(basic01.presets.find((p) => p.id === 'append-rejected')!);
		expect(c.trace.error).toMatch(/^Append output mode not supported/);
		const line = session.code.split('\n').findIndex((l) => l.includes('.outputMode("append")')) + 1;
		expect(microBatchDiagnostics(session)).toEqual([expect.objectContaining({ line })]);
		// Back to a query that runs: the cursor returns to where it stood.
		c.pick(basic01.presets[0]!);
		expect(c.trace.error).toBeNull();
		expect(c.playback.now).toBe(12_000);
		expect(microBatchDiagnostics(session)).toEqual([]);
	});

	it('a program the engine cannot read: a located diagnostic, the last good run stays', () => {
		const session = microBatchSession(basic11);
		const c = new MicroBatchController(basic11, session);
		const before = c.trace;
		session.edit(session.code.replace('"numPartitions", 2', '"numPartitions", -1'));
		vi.runAllTimers();
		expect(c.trace).toBe(before);
		const line = session.code.split('\n').findIndex((l) => l.includes('"numPartitions"')) + 1;
		expect(microBatchDiagnostics(session)).toEqual([expect.objectContaining({ line, message: expect.stringMatching(/numPartitions/) })]);
	});

	it('after an edit, the controls show what the program says', () => {
		const session = microBatchSession(basic11);
		const c = new MicroBatchController(basic11, session);
		session.edit(session.code.replace('"rowsPerSecond", 100', '"rowsPerSecond", 250').replace('processingTime="2 seconds"', 'once=True'));
		vi.runAllTimers();
		c.syncParams();
		expect(c.params).toMatchObject({ eventRate: 250, triggerKind: 'once', triggerInterval: 2 });
		expect(c.trace.config.trigger.kind).toBe('once');
		expect(c.programEdited).toBe(false);
	});
});
