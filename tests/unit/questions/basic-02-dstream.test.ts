import { describe, expect, it } from 'vitest';
import { controllerOf } from '../sim/controllers';
import { SIMULATIONS } from '../../../simulations/registry';
import type { DsRun } from '../../../simulations/kinds/dstream/frames';
import { programs } from '../../../simulations/questions/basic-02-pyspark-streaming-support/program';
import { basic02DStreams as scenario } from '../../../simulations/questions/basic-02-pyspark-streaming-support/dstream';
import { defaultParams, type Params } from '../../../simulations/core/params';
import { buildTrace } from '../../../simulations/kinds/micro-batch/engine';

const page = programs.find((p) => p.id === 'dstream')!.template;
const params = (over: Partial<Params> = {}) =>
	({ ...defaultParams(scenario.schema), ...over }) as Params;
/** The elements of one row at one batch, sorted (reduceByKey's order is a hash order). */
function cells(run: DsRun, name: string) {
	const i = run.rows.findIndex((r) => r.name === name);
	return run.batches.map((b) => [...(b.cells[i]?.records ?? [])].sort());
}
const total = (records: readonly string[]) =>
	records.reduce((n, r) => n + Number(/(\d+)\)$/.exec(r)?.[1] ?? 0), 0);

describe('basic-02’s DStream tab', () => {
	it('is reachable behind the API switch only: the page opens on its micro-batch side', async () => {
		const entry = SIMULATIONS[scenario.slug]!;
		expect([entry.kinds, entry.later]).toEqual([['micro-batch'], ['dstream']]);
		const { question } = await entry.load();
		expect(question.simulations.map((s) => s.kind.id)).toEqual(['micro-batch']);
		expect((await question.later!()).map((s) => s.question)).toEqual([scenario]);
		expect(SIMULATIONS['basic-03-dstreams']!.kinds).toEqual(['dstream']);
		expect(SIMULATIONS['basic-01-stream-processing']!.later).toBeUndefined();
		expect(scenario.programId).toBe('dstream');
	});

	it('at default parameters its program is the page’s DStream program exactly', () => {
		expect(scenario.program(params())).toBe(page);
	});

	it('triggerInterval rewrites StreamingContext(sc, 1) and nothing else', () => {
		const code = scenario.program(params({ triggerInterval: 0.5 }));
		const changed = code.split('\n').filter((l, i) => l !== page.split('\n')[i]);
		expect(changed).toEqual(['ssc = StreamingContext(sc, 0.5)  # <- triggerInterval']);
		const s = controllerOf(scenario).program;
		s.setParams(params({ triggerInterval: 0.5 }));
		expect(s.run?.batchMs).toBe(500);
	});

	it('wordsPerLine fixes each socket line’s length; the same seed gives the same lines', () => {
		const lines = scenario.lines(params({ wordsPerLine: 7, linesPerSecond: 5 }), 3);
		expect(lines.length).toBeGreaterThan(50);
		expect(new Set(lines.map((l) => l.line.split(' ').length))).toEqual(new Set([7]));
		expect(scenario.lines(params({ wordsPerLine: 7, linesPerSecond: 5 }), 3)).toEqual(lines);
	});

	it('per batch: each batch’s counts add up to the words of that batch alone, so they start from zero', () => {
		const run = controllerOf(scenario).program.run as DsRun;
		expect(run.rows.map((r) => [r.name, r.kind])).toEqual([
			['lines', 'input'],
			['counts', 'batch']
		]);
		const counts = cells(run, 'counts');
		run.batches.forEach((b, i) => expect(total(counts[i]!)).toBe(b.numRecords * 3));
	});

	it('running totals: updateStateByKey + checkpoint keep counting across batches', () => {
		const s = controllerOf(scenario).program;
		s.applyPreset(params({ totals: 'on' }), null);
		expect(s.error).toBeNull();
		expect(s.code).toContain(
			'ssc.checkpoint("/tmp/playground/checkpoints/basic-02-dstreams")  # <- totals'
		);
		const run = s.run as DsRun;
		const totals = cells(run, 'totals').map(total);
		const words = run.batches.map((b) => b.numRecords * 3);
		totals.forEach((t, i) => expect(t).toBe(words.slice(0, i + 1).reduce((a, b) => a + b, 0)));
		// Non-decreasing, and at the end above any single batch's count.
		expect(totals.at(-1)).toBeGreaterThan(Math.max(...words));
	});

	it('totals without a checkpoint: Spark’s own refusal, at its line, and no run (no stale batches play)', () => {
		const s = controllerOf(scenario).program;
		expect(s.run).not.toBeNull();
		s.applyPreset(params({ totals: 'no-checkpoint' }), null);
		expect(s.code).not.toContain('ssc.checkpoint(');
		expect(s.error?.message).toContain('The checkpoint directory has not been set');
		expect(s.run).toBeNull();
		// Back to per-batch: the template's lines come back out, the page's program again.
		s.applyPreset(params(), null);
		expect(s.code).toBe(page);
		expect(s.error).toBeNull();
	});

	it('has no Structured Streaming program beside it (the page’s SIM-1 is that side)', () => {
		expect(scenario.structuredProgram).toBeNull();
		expect(controllerOf(scenario).companion).toBeNull();
	});
});

describe('basic-02: both sides of the API switch read one socket', () => {
	it('the DStream side gets the very lines the Structured Streaming run received, for any seed', async () => {
		const { microBatchScenario } = await import('../../../simulations/kinds/micro-batch/questions');
		const mb = microBatchScenario('basic-02-pyspark-streaming-support')!;
		for (const seed of [1, 7, 4242]) {
			const p = { ...defaultParams(mb.schema), linesPerSecond: 3, wordsPerLine: 2 } as Params;
			const structured = buildTrace(mb, p, seed).lines.filter((l) => l.atMs <= 20_000);
			const dstream = scenario.lines(params({ linesPerSecond: 3, wordsPerLine: 2 }), seed);
			expect(structured.length).toBeGreaterThan(20);
			expect(dstream).toEqual(structured.map((l) => ({ atMs: l.atMs, line: l.text })));
		}
	});
});
