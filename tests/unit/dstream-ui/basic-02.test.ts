import { describe, expect, it } from 'vitest';
import { dstreamSession, structuredSession } from '../../../src/lib/binding/dstream-session.svelte';
import { programs } from '../../../simulations/programs/basic-02-pyspark-streaming-support';
import { basic02DStreams as scenario } from '../../../simulations/scenarios/dstreams/basic-02-dstreams';
import { dstreamApiScenario, dstreamScenario } from '../../../simulations/scenarios/dstreams/index';
import { defaultParams, type Params } from '../../../simulations/scenarios/types';

const page = programs.find((p) => p.id === 'dstream')!.template;
const params = (over: Partial<Params> = {}) => ({ ...defaultParams(scenario.schema), ...over }) as Params;
/** The elements of one row at one batch, sorted (reduceByKey's order is a hash order). */
function cells(run: NonNullable<ReturnType<typeof dstreamSession>['run']>, name: string) {
	const i = run.rows.findIndex((r) => r.name === name);
	return run.batches.map((b) => [...(b.cells[i]?.records ?? [])].sort());
}
const total = (records: readonly string[]) =>
	records.reduce((n, r) => n + Number(/(\d+)\)$/.exec(r)?.[1] ?? 0), 0);

describe('basic-02’s DStream tab', () => {
	it('is reachable behind the API switch only: the page’s own simulation stays SIM-1', () => {
		expect(dstreamScenario(scenario.slug)).toBeNull();
		expect(dstreamApiScenario(scenario.slug)).toBe(scenario);
		expect(dstreamApiScenario('basic-03-dstreams')).toBe(dstreamScenario('basic-03-dstreams'));
		expect(dstreamApiScenario('basic-01-stream-processing')).toBeNull();
		expect(scenario.programId).toBe('dstream');
	});

	it('at default parameters its program is the page’s DStream program exactly', () => {
		expect(scenario.program(params())).toBe(page);
	});

	it('triggerInterval rewrites StreamingContext(sc, 1) and nothing else', () => {
		const code = scenario.program(params({ triggerInterval: 0.5 }));
		const changed = code.split('\n').filter((l, i) => l !== page.split('\n')[i]);
		expect(changed).toEqual(['ssc = StreamingContext(sc, 0.5)  # <- triggerInterval']);
		const s = dstreamSession(scenario);
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
		const run = dstreamSession(scenario).run!;
		expect(run.rows.map((r) => [r.name, r.kind])).toEqual([
			['lines', 'input'],
			['counts', 'batch']
		]);
		const counts = cells(run, 'counts');
		run.batches.forEach((b, i) => expect(total(counts[i]!)).toBe(b.numRecords * 3));
	});

	it('running totals: updateStateByKey + checkpoint keep counting across batches', () => {
		const s = dstreamSession(scenario);
		s.applyPreset(params({ totals: 'on' }), null);
		expect(s.error).toBeNull();
		expect(s.code).toContain('ssc.checkpoint("/tmp/playground/checkpoints/basic-02-dstreams")  # <- totals');
		const run = s.run!;
		const totals = cells(run, 'totals').map(total);
		const words = run.batches.map((b) => b.numRecords * 3);
		totals.forEach((t, i) => expect(t).toBe(words.slice(0, i + 1).reduce((a, b) => a + b, 0)));
		// Non-decreasing, and at the end above any single batch's count.
		expect(totals.at(-1)).toBeGreaterThan(Math.max(...words));
	});

	it('totals without a checkpoint: Spark’s own refusal, at its line, and the last good run stays', () => {
		const s = dstreamSession(scenario);
		const before = s.run;
		s.applyPreset(params({ totals: 'no-checkpoint' }), null);
		expect(s.code).not.toContain('ssc.checkpoint(');
		expect(s.error?.message).toContain('The checkpoint directory has not been set');
		expect(s.run).toBe(before);
		// Back to per-batch: the template's lines come back out, the page's program again.
		s.applyPreset(params(), null);
		expect(s.code).toBe(page);
		expect(s.error).toBeNull();
	});

	it('has no Structured Streaming session of its own (the page’s SIM-1 is that side)', () => {
		expect(scenario.structuredProgram).toBeNull();
		expect(() => structuredSession(scenario)).toThrow(/no Structured Streaming program/);
	});
});

describe('basic-02: both sides of the API switch read one socket', () => {
	it('the DStream side gets the very lines the Structured Streaming run received, for any seed', async () => {
		const { microBatchScenario } = await import('../../../simulations/scenarios/micro-batches');
		const mb = microBatchScenario('basic-02-pyspark-streaming-support')!;
		for (const seed of [1, 7, 4242]) {
			const p = { ...defaultParams(mb.schema), linesPerSecond: 3, wordsPerLine: 2 } as Params;
			const structured = mb.build(p, seed).lines.filter((l) => l.atMs <= 20_000);
			const dstream = scenario.lines(params({ linesPerSecond: 3, wordsPerLine: 2 }), seed);
			expect(structured.length).toBeGreaterThan(20);
			expect(dstream).toEqual(structured.map((l) => ({ atMs: l.atMs, line: l.text })));
		}
	});
});
