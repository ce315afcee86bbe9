import { describe, expect, it } from 'vitest';
import {
	dstreamBatchAt,
	dstreamCodeFocusAt
} from '../../../../simulations/kinds/dstream/code-focus';
import type { DsRun } from '../../../../simulations/kinds/dstream/frames';
import { runDStreamProgram } from '../../../../simulations/kinds/dstream/run';
import { basic03DStreams as scenario } from '../../../../simulations/questions/basic-03-dstreams/question';
import { linesBetween } from '../../../../simulations/kinds/dstream/socket-lines';
import { defaults, LINES, runFixture } from './fixture';

function ok(r: ReturnType<typeof runFixture>): DsRun {
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
}

/** The program's 1-based line holding `text`. */
const lineOf = (code: string, text: string) =>
	code.split('\n').findIndex((l) => l.includes(text)) + 1;
const kinds = (run: DsRun, t: number) =>
	dstreamCodeFocusAt(run, t).map((f) => [f.kind, f.line, f.endLine]);

describe('dstreamCodeFocusAt(basic-03 on fixed lines)', () => {
	const code = scenario.program(defaults());
	const at = {
		context: lineOf(code, 'StreamingContext(sc, 2)'),
		checkpoint: lineOf(code, 'ssc.checkpoint('),
		window: lineOf(code, 'reduceByKeyAndWindow('),
		state: lineOf(code, 'updateStateByKey('),
		pprints: code.split('\n').flatMap((l, i) => (l.endsWith('.pprint()') ? [i + 1] : []))
	};

	it('before the first batch time nothing has happened', () => {
		const run = ok(runFixture());
		expect(dstreamBatchAt(run, 1999)).toBeNull();
		expect(dstreamCodeFocusAt(run, 1999)).toEqual([]);
	});

	it('while a batch’s job runs, only StreamingContext(sc, 2) that made it', () => {
		const run = ok(runFixture());
		const b = run.batches[1]!;
		expect(b.endMs).toBeGreaterThan(b.batchTime);
		expect(kinds(run, b.batchTime)).toEqual([['batch', at.context, at.context]]);
		expect(dstreamCodeFocusAt(run, b.batchTime)[0]?.label).toBe('batch at 4 s: one every 2 s');
	});

	it('once the job ended: the window call (all its lines), updateStateByKey and each pprint, in program order', () => {
		const run = ok(runFixture());
		const end = run.batches[1]!.endMs;
		expect(kinds(run, end)).toEqual([
			['batch', at.context, at.context],
			['output', at.pprints[0], at.pprints[0]],
			['window', at.window, at.window + 5],
			['output', at.pprints[1], at.pprints[1]],
			['state', at.state, at.state],
			['output', at.pprints[2], at.pprints[2]]
		]);
	});

	it('the ssc.checkpoint line when the batch’s RDDs were checkpointed (at 10 s), not before or after', () => {
		const run = ok(runFixture());
		const has = (i: number) =>
			dstreamCodeFocusAt(run, run.batches[i]!.endMs).some(
				(f) => f.kind === 'checkpoint' && f.line === at.checkpoint
			);
		expect([0, 1, 2, 3, 4, 5].map(has)).toEqual([false, false, false, false, true, false]);
	});

	it('a window sliding by 4 s is in focus only at the batches it has an RDD', () => {
		const run = ok(runFixture({ ...defaults(), windowLength: 8, slideInterval: 4 }));
		const windowAt = (i: number) =>
			dstreamCodeFocusAt(run, run.batches[i]!.endMs).some((f) => f.kind === 'window');
		expect([0, 1, 2, 3].map(windowAt)).toEqual([false, true, false, true]);
	});

	it('follows the program as edited: two lines added on top move every highlight down by two', () => {
		const edited = `# a note\n# another\n${code}`;
		const run = ok(
			runDStreamProgram(edited, {
				durationMs: 12_000,
				startEpochMs: scenario.startEpochMs,
				sources: [{ arrivals: (from, to) => linesBetween(LINES, from, to) }],
				cost: scenario.cost,
				seed: 1
			})
		);
		const base = ok(runFixture());
		const t = base.batches[1]!.endMs;
		expect(dstreamCodeFocusAt(run, t).map((f) => f.line)).toEqual(
			dstreamCodeFocusAt(base, t).map((f) => f.line + 2)
		);
	});
});
