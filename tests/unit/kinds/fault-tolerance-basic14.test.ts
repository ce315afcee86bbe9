// basic-14 on the fault-tolerance kind, seed 1: the ledger against a failure-free run of the same
// seed. A replayable source with the file sink ends with the failure-free output; an executor loss
// re-runs tasks, not the batch; a socket source loses the crashed batch's lines and the lines sent
// while the driver was down; a Kafka sink writes the replayed batch's rows twice.
import { describe, expect, it } from 'vitest';
import { basic14FaultTolerance as q } from '../../../simulations/questions/basic-14-fault-tolerance/question';
import { faultToleranceEngine as engine } from '../../../simulations/kinds/fault-tolerance/engine';
import { faultToleranceKind as kind } from '../../../simulations/kinds/fault-tolerance/kind';
import { frameAt, type FtRun } from '../../../simulations/kinds/fault-tolerance/frames';
import { comparisonView } from '../../../src/lib/kinds/fault-tolerance/comparison';
import { runProgram } from '../fixtures/run-program';

function runPreset(id: string, extra: Record<string, string | number> = {}): FtRun {
	const raw = { ...q.presets.find((p) => p.id === id)!.params, ...extra };
	const params = q.constrain(raw).params;
	return runProgram(engine, q, params);
}

describe('basic-14 presets at seed 1', () => {
	it('failures: batch 4 re-runs with its logged offsets; the output equals the failure-free run', () => {
		const run = runPreset('failures');
		const fours = run.batches.filter((b) => b.batchId === 4);
		expect(fours.map((b) => [b.replay, b.failed, b.sink?.status])).toEqual([
			[false, 'afterSinkBeforeCommit', 'written'],
			[true, null, 'skipped']
		]);
		expect(fours[0]!.numOutputRows).toBeGreaterThan(0);
		expect(run.comparison).toEqual({
			expectedRows: 8,
			missing: 0,
			unexpected: 0,
			duplicates: 0,
			expectedInput: 400,
			input: 400
		});
	});

	it('executor-loss: only its tasks re-run, inside batch 4; no restart, no replay', () => {
		const run = runPreset('executor-loss');
		expect(run.restarts).toEqual([]);
		expect(run.batches.some((b) => b.replay)).toBe(false);
		const four = run.batches.filter((b) => b.batchId === 4);
		expect(four).toHaveLength(1);
		expect(four[0]!.failed).toBe('executorLost');
		expect(four[0]!.tasksRerun).toBeGreaterThan(0);
		expect(run.comparison?.missing).toBe(0);
		expect(run.comparison?.duplicates).toBe(0);
	});

	it('socket-loses-data: the replay reads no line; records never read, rows missing', () => {
		const run = runPreset('socket-loses-data');
		const [first, again] = run.batches.filter((b) => b.batchId === 4);
		expect(again!.replay).toBe(true);
		expect(again!.end).toEqual(first!.end);
		expect(first!.numInputRows).toBe(40);
		expect(again!.numInputRows).toBe(0);
		const c = run.comparison!;
		expect(c.expectedInput - c.input).toBe(79);
		expect(c.missing).toBe(4);
		expect(c.duplicates).toBe(0);
		// The same failure with Kafka loses nothing: the loss is the source's, not the crash's.
		expect(runPreset('failures').comparison!.input).toBe(c.expectedInput);
		const replay = kind.features.predictions!(run).find((p) => p.id === 'replay-reads-4')!;
		expect(replay.answer).toBe('none');
	});

	it('kafka-sink-duplicates: the re-run of batch 4 sends its rows again, each counted', () => {
		const run = runPreset('kafka-sink-duplicates');
		const four = run.batches.find((b) => b.batchId === 4)!;
		expect(run.sinkGuarantee).toBe('at-least-once');
		expect(run.comparison?.duplicates).toBe(four.numOutputRows);
		expect(run.comparison?.duplicates).toBe(4);
		expect(run.comparison?.missing).toBe(0);
		expect(kind.features.predictions!(run).map((p) => [p.id, p.answer])).toEqual(
			expect.arrayContaining([
				['restart-4', 'same'],
				['sink-4', 'twice'],
				['replay-reads-4', 'same']
			])
		);
	});

	it('no failure: nothing to compare but itself', () => {
		const run = runPreset('failures', { failurePhase: 'none' });
		expect(run.comparison).toMatchObject({ missing: 0, unexpected: 0, duplicates: 0 });
	});
});

describe('the comparison as the view shows it', () => {
	it('hides the count until the re-run has finished, then says what happened', () => {
		const run = runPreset('socket-loses-data');
		const again = run.batches.find((b) => b.replay)!;
		expect(comparisonView(run, frameAt(run, again.startMs))!.shown).toBe(false);
		const v = comparisonView(run, frameAt(run, again.endMs))!;
		expect(v.shown).toBe(true);
		expect(v.verdict).toBe('lost');
		expect(v.sentence).toContain('never read 79 of the 400 records');
		expect(
			comparisonView(runPreset('kafka-sink-duplicates'), frameAt(run, run.endMs))!.verdict
		).toBe('duplicates');
	});
	it('names the executor loss and its re-run tasks from the batch it hit', () => {
		const run = runPreset('executor-loss');
		const v = comparisonView(run, frameAt(run, run.endMs))!;
		expect(v.verdict).toBe('exactly-once');
		expect(v.executorLoss).toMatchObject({ batchId: 4 });
		expect(v.executorLoss!.tasks).toBeGreaterThan(0);
	});
});
