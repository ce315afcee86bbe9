// basic-09 on the source-sink kind, seed 1: each preset's story holds in the run's numbers.
import { describe, expect, it } from 'vitest';
import { basic09Kafka as q } from '../../../simulations/questions/basic-09-kafka-integration/question';
import { sourceSinkKind as kind } from '../../../simulations/kinds/source-sink/kind';
import { sourceSinkEngine } from '../../../simulations/kinds/source-sink/engine';
import { frameAt, type SsRun } from '../../../simulations/kinds/source-sink/frames';
import { runProgram } from '../fixtures/run-program';

function runPreset(id: string): SsRun {
	const preset = q.presets.find((p) => p.id === id);
	if (!preset) throw new Error(id);
	const params = q.constrain(preset.params).params;
	return runProgram(sourceSinkEngine, q, params);
}

describe('basic-09 presets at seed 1', () => {
	it('proration: every batch takes at most maxOffsetsPerTrigger, the big partition most', () => {
		const run = runPreset('proration');
		for (const b of run.batches) expect(b.numInputRows).toBeLessThanOrEqual(500);
		const b0 = run.batches[0]!;
		const taken = [0, 1, 2].map((p) => (b0.end[p] ?? 0) - (b0.start[p] ?? 0));
		expect(taken[0]).toBeGreaterThan(taken[1]!);
		expect(taken[1]).toBeGreaterThan(taken[2]!);
		expect(b0.offsetLog.split('\n')[2]).toBe(
			`{"orders":{"0":${b0.end[0]},"1":${b0.end[1]},"2":${b0.end[2]}}}`
		);
	});
	it('restart: the first batch after the restart starts where the last one ended (not at latest)', () => {
		const run = runPreset('restart');
		expect(run.restarts).toEqual([{ stopMs: 10_000, startMs: 16_000 }]);
		const before = run.batches.filter((b) => b.triggerMs < 10_000).at(-1)!;
		const after = run.batches.find((b) => b.triggerMs >= 16_000)!;
		expect(after.batchId).toBe(before.batchId + 1);
		expect(after.start).toEqual(before.end);
		// Six seconds of records were waiting: the batch takes up to the limit of 2000.
		expect(after.numInputRows).toBeGreaterThan(1500);
		expect(frameAt(run, 12_000).down).toBe(true);
	});
	it('failOnDataLoss=true: the query stops with Kafka’s data-loss message', () => {
		const run = runPreset('data-loss-fail');
		expect(run.failure?.message).toMatch(/^Some data may have been lost/);
		expect(run.failure?.message).toContain('Could not read records in offset');
		expect(frameAt(run, run.endMs).failed).not.toBeNull();
	});
	it('failOnDataLoss=false: the gap is skipped and counted, the query goes on', () => {
		const run = runPreset('data-loss-skip');
		expect(run.failure).toBeNull();
		const skipped = run.dataLoss.reduce((s, d) => s + d.skipped, 0);
		expect(skipped).toBeGreaterThan(0);
		expect(frameAt(run, run.endMs).skippedOffsets).toBe(skipped);
		expect(run.batches.at(-1)!.triggerMs).toBeGreaterThan(30_000);
	});
	it('the program rewrites both ways: a control changes its span, the text moves the control', () => {
		const params = q.constrain({ maxOffsetsPerTrigger: 800, failOnDataLoss: 'false' }).params;
		const code = q.program(params);
		expect(code).toContain('.option("maxOffsetsPerTrigger", 800)');
		expect(code).toContain('.option("failOnDataLoss", "false")');
		const edited = code.replace('"maxOffsetsPerTrigger", 800', '"maxOffsetsPerTrigger", 1200');
		const back = kind.paramsOf(q, edited, runPreset('proration'), params);
		expect(back.maxOffsetsPerTrigger).toBe(1200);
	});
	it('once and availableNow: the query reads what is there and stops by itself', () => {
		const params = q.constrain({}).params;
		const base = q.program(params);
		const run = (trigger: string) => {
			const code = base.replace('.trigger(processingTime="2 seconds")', trigger);
			const r = sourceSinkEngine.run(q, { code, params, seed: 1, script: null, edits: [] });
			if (!r.ok) throw new Error(r.error.message);
			return r.value;
		};
		// The 6 s backlog at 300 records/s is 1800 records on the topic at start (earliest).
		const once = run('.trigger(once=True)');
		expect(once.batches.map((b) => [b.batchId, b.triggerMs, b.numInputRows])).toEqual([
			[0, 0, 1800]
		]);
		expect(once.finished).toEqual({ atMs: 0, trigger: 'once' });
		// availableNow keeps maxOffsetsPerTrigger 500 (prorated, 498 by whole records per
		// partition) and stops at the end it fixed when the query started.
		const now = run('.trigger(availableNow=True)');
		expect(now.batches.map((b) => b.numInputRows)).toEqual([498, 498, 498, 306]);
		expect(now.batches.reduce((s, b) => s + b.numInputRows, 0)).toBe(1800);
		expect(now.finished?.trigger).toBe('availableNow');
		expect(kind.describe(now, now.endMs)).toMatch(/^The query stopped by itself after 4 batches/);
		expect(frameAt(now, 1000).finished).toBe('availableNow');
	});
});
