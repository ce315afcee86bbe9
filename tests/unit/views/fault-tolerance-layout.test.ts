// The fault-tolerance view's layout over basic-06's run at seed 1: the driver loop's phases as
// the cursor moves through the crashed batch 5 and its re-run, the replay pair, the folders, and
// the state partitions with their snapshots and what a recovery would load.
import { describe, expect, it } from 'vitest';
import { basic06Checkpoints as q } from '../../../simulations/questions/basic-06-checkpoints/question';
import { faultToleranceEngine as engine } from '../../../simulations/kinds/fault-tolerance/engine';
import { frameAt, type FtRun } from '../../../simulations/kinds/fault-tolerance/frames';
import {
	attemptChips,
	folderGroups,
	loopPhases,
	replayPair,
	statePartitions
} from '../../../src/lib/kinds/fault-tolerance/layout';
import { runProgram } from '../fixtures/run-program';

function runWith(raw: Record<string, string | number>): FtRun {
	const params = q.constrain(raw).params;
	return runProgram(engine, q, params);
}

describe('fault-tolerance layout', () => {
	const run = runWith({});
	const [first, again] = run.batches.filter((b) => b.batchId === 5);
	const status = (t: number) => loopPhases(frameAt(run, t)).map((p) => p.status);

	it('draws the loop of the crashed batch: done up to the sink, died there, commit never reached', () => {
		expect(status(first!.phases.run! + 1)).toEqual([
			'done',
			'done',
			'active',
			'pending',
			'pending'
		]);
		expect(status(first!.endMs + 500)).toEqual(['done', 'done', 'done', 'died', 'skipped']);
	});
	it('draws the re-run without writing offsets/5 again, and pairs it with the first attempt', () => {
		const f = frameAt(run, again!.endMs);
		const boxes = loopPhases(f);
		expect(boxes[1]).toMatchObject({ label: 'offsets/5 already logged', status: 'skipped' });
		expect(boxes[1]!.failures).toEqual([]);
		expect(replayPair(f)).toEqual({ first, again });
		const chips = attemptChips(run, f).map(
			(c) => `${c.batchId}${c.died ? 'x' : ''}${c.replay ? 'r' : ''}`
		);
		expect(chips.slice(-3)).toEqual(['4', '5x', '5r']);
	});
	it('groups the checkpoint by folder, newest names shown and older ones counted', () => {
		const f = frameAt(run, run.endMs);
		const groups = folderGroups(
			f.files.filter((x) => x.area === 'checkpoint' && !x.path.startsWith('state/'))
		);
		expect(groups.map((g) => g.dir)).toEqual(['', 'sources/0', 'offsets', 'commits']);
		const offsets = groups.find((g) => g.dir === 'offsets')!;
		// 29 batches: the 3 s the driver was down cost one trigger.
		expect(offsets.count).toBe(29);
		expect(offsets.hidden).toBe(25);
		expect(offsets.shown.map((x) => x.path)).toEqual([
			'offsets/25',
			'offsets/26',
			'offsets/27',
			'offsets/28'
		]);
	});
	it('shows each state partition’s versions and what recovery loads', () => {
		const parts = statePartitions(frameAt(run, run.endMs).files);
		expect(parts.map((p) => p.dir)).toEqual(['state/0/0', 'state/0/1']);
		expect(parts[0]!.versions.filter((v) => v.snapshot).map((v) => v.version)).toEqual([20]);
		expect(parts[0]!.recovery).toBe('recovery loads 20.snapshot, then replays 9 deltas');
		const mid = statePartitions(
			frameAt(run, run.batches.find((b) => b.batchId === 12)!.endMs).files
		);
		expect(mid[0]!.recovery).toBe('recovery loads 10.snapshot, then replays 3 deltas');
	});
});
