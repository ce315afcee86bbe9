import { describe, expect, it } from 'vitest';
import { codeFocusAt } from '../../../../simulations/kinds/event-time/code-focus';
import { codeSpansOf, spanOf } from '../../../../simulations/kinds/event-time/code-spans';
import { readAndAnalyze } from '../../structured-reader/helpers';
import type { EtRun } from '../../../../simulations/kinds/event-time/frames';
import { runEventTimeProgram } from '../../../../simulations/kinds/event-time/run';
import { markersOf } from '../../../../simulations/kinds/event-time/markers';
import { eventTimeScenario } from '../../../../simulations/kinds/event-time/questions';
import { defaultParams } from '../../../../simulations/core/params';
import { BATCH_0, KEY_A_WINDOWS, THREE_EVENTS } from './fixture-events';

// Batch 0 over [0, 5 s) reads e1, e2 and moves the watermark to 2 s; batch 1 over [5 s, 8 s)
// drops e3, emits and evicts window [0, 10); batch 1 was replayed (no offsets/1 written).
//
//   proc time  0 ────────5────────8──── 12
//   batches    [   0    )[  1   )
const RUN: EtRun = {
	events: [...THREE_EVENTS],
	batches: [
		{ ...BATCH_0, watermarkMs: -Infinity, offsetLog: { events: 2 }, committed: true },
		{
			batchId: 1,
			startMs: 5000,
			endMs: 8000,
			watermarkMs: 2000,
			nextWatermarkMs: 2000,
			numInputRows: 1,
			numRowsDroppedByWatermark: 1,
			numStateRows: 1,
			noData: false,
			output: [[{ start: 0, end: 10 }, 1]],
			committed: true
		}
	],
	windows: KEY_A_WINDOWS,
	outputColumns: ['window', 'count'],
	outputMode: 'append',
	delayMs: 10000,
	endMs: 12000,
	spans: {
		watermarks: [{ line: 3, column: 5, endLine: 3 }],
		outputMode: { line: 9, column: 5, endLine: 9 },
		window: { line: 4, column: 14, endLine: 6 }
	}
};

describe('markersOf', () => {
	it('orders one trigger as Spark runs it: planned, offsets/N, then the batch’s effects at its end', () => {
		expect(markersOf(RUN).map((m) => `${m.atMs} ${m.id}`)).toEqual([
			'0 trigger-0',
			'0 offsets-0',
			'5000 watermark-0',
			'5000 commit-0',
			'5000 trigger-1',
			'8000 dropped-1',
			'8000 emitted-1',
			'8000 evicted-1',
			'8000 commit-1'
		]);
	});

	it('names each event with this run’s numbers and the rule’s section', () => {
		const m = Object.fromEntries(markersOf(RUN).map((x) => [x.id, x]));
		expect(m['watermark-0']?.label).toBe(
			'batch 0 moved the watermark none → 2 s, used from batch 1'
		);
		expect(m['watermark-0']?.rule).toMatch(/^R2\.3: .*max event time − delay.*batch N\+1/);
		expect(m['offsets-0']?.label).toBe('offsets/0 written: events up to 2');
		expect(m['emitted-1']?.label).toBe('batch 1 emitted 1 final window: [0 s, 10 s) a');
		expect(m['emitted-1']?.rule).toMatch(/^R4\.3: append mode/);
		expect(m['dropped-1']?.label).toContain('numRowsDroppedByWatermark = 1');
		expect(m['dropped-1']?.rule).toMatch(/^R4\.4: .*window\.end ≤ the late-event watermark/);
		expect(m['evicted-1']?.rule).toMatch(/^R4\.6/);
	});

	it('a no-data batch is named by R1.5, and update mode’s eviction outputs nothing', () => {
		const run: EtRun = {
			...RUN,
			outputMode: 'update',
			batches: RUN.batches.map((b) =>
				b.batchId === 1 ? { ...b, noData: true, numInputRows: 0 } : b
			)
		};
		const m = Object.fromEntries(markersOf(run).map((x) => [x.id, x]));
		expect(m['trigger-1']?.rule).toMatch(/^R1\.5/);
		expect(m['evicted-1']?.rule).toMatch(/without being output/);
		expect(m['emitted-1']?.label).toBe('batch 1 wrote 1 row changed this batch');
	});
});

describe('codeFocusAt', () => {
	it('while a batch runs, only the window(...) that assigns its rows is in focus', () => {
		expect(codeFocusAt(RUN, 1000)).toEqual([
			{ kind: 'window', line: 4, endLine: 6, label: 'batch 0 assigns 2 rows to 2 windows' }
		]);
	});

	it('after batch 0 ends, the withWatermark call is in focus until the next trigger', () => {
		expect(codeFocusAt(RUN, 5000 - 1).map((f) => f.kind)).toEqual(['window']);
		expect(codeFocusAt(RUN, 5000).map((f) => f.kind)).toEqual([]);
		const after0 = { ...RUN, batches: RUN.batches.slice(0, 1) };
		expect(codeFocusAt(after0, 6000).map((f) => `${f.kind}@${f.line}`)).toEqual([
			'watermark@3',
			'window@4'
		]);
	});

	it('after a batch that emitted, the outputMode call is in focus; before any batch, nothing', () => {
		expect(codeFocusAt(RUN, 9000).map((f) => f.kind)).toEqual(['outputMode']);
		expect(
			codeFocusAt(
				{ ...RUN, batches: RUN.batches.map((b) => ({ ...b, startMs: b.startMs + 1 })) },
				0
			)
		).toEqual([]);
		expect(codeFocusAt({ ...RUN, spans: undefined }, 9000)).toEqual([]);
	});
});

describe("spanOf: a construct's lines come from the spans the reader recorded", () => {
	const code = [
		'from pyspark.sql import functions as F',
		'x = (events',
		'    .withWatermark("t", "10 seconds")',
		'    .groupBy(',
		'        F.window(  # <- windowType (',
		'            "t", """10 seconds""",',
		"            '5 seconds'),",
		'        "value")',
		'    .count())',
		'query = x.writeStream.outputMode("update").format("memory").start()'
	].join('\n');
	const read = readAndAnalyze(code, {
		events: [
			{ name: 'value', type: { kind: 'int' } as const },
			{ name: 't', type: { kind: 'timestamp' } as const }
		]
	});
	it('F.window wrapped over three lines ends at its closing parenthesis, past ) in strings and comments', () => {
		if (!read.ok) throw new Error(read.error.message);
		const spans = codeSpansOf(read.value);
		expect(spans.window).toEqual({ line: 5, column: 11, endLine: 7 });
		expect(spans.watermarks).toEqual([{ line: 3, column: 6, endLine: 3 }]);
	});
	it("without recorded spans (a hand-built plan) the construct's own line stands in", () => {
		expect(spanOf(undefined, { line: 2, column: 6 })).toEqual({ line: 2, column: 6, endLine: 2 });
	});
});

describe('markers of an engine run (basic-08 at its defaults)', () => {
	const s = eventTimeScenario('basic-08-late-data');
	if (!s) throw new Error('basic-08 scenario missing');
	const p = s.constrain(defaultParams(s.schema)).params;
	const code = s.program(p);
	const r = runEventTimeProgram(code, { input: s.input(p, 1), kafkaValue: (e) => s.kafkaValue(e) });
	if (!r.ok) throw new Error(r.error.message);
	const run = r.value;
	const markers = markersOf(run);

	it('every batch has a trigger, offsets/N and commits/N marker; watermark markers are exactly the batches whose watermark rose', () => {
		const ids = (k: string) => markers.filter((m) => m.kind === k).map((m) => m.batchId);
		const all = run.batches.map((b) => b.batchId);
		expect(ids('trigger')).toEqual(all);
		expect(ids('offsets')).toEqual(all);
		expect(ids('commit')).toEqual(all);
		expect(ids('watermark')).toEqual(
			run.batches.filter((b) => b.nextWatermarkMs > b.watermarkMs).map((b) => b.batchId)
		);
		expect(ids('dropped')).toEqual(
			run.batches.filter((b) => b.numRowsDroppedByWatermark > 0).map((b) => b.batchId)
		);
		expect(ids('emitted').length).toBeGreaterThan(0);
		expect(ids('evicted').length).toBeGreaterThan(0);
	});

	it('the spans point at the withWatermark, outputMode and window lines of the program', () => {
		const line = (n: number) => code.split('\n')[n - 1] ?? '';
		expect(run.spans?.watermarks.map((w) => line(w.line))).toEqual([
			expect.stringContaining('.withWatermark(')
		]);
		expect(line(run.spans?.outputMode?.line ?? 0)).toContain('.outputMode(');
		expect(line(run.spans?.window?.line ?? 0)).toContain('F.window(');
	});

	it('seeking to a watermark marker puts the withWatermark call in focus', () => {
		const wm = markers.find((m) => m.kind === 'watermark');
		const focus = codeFocusAt(run, wm?.atMs ?? -1);
		expect(focus.map((f) => f.kind)).toContain('watermark');
		expect(focus.find((f) => f.kind === 'watermark')?.line).toBe(run.spans?.watermarks[0]?.line);
	});
});
