// The driver-and-executors layout over advanced-01's runs at seed 1: the durationMs strip follows
// the cursor through a batch, each core is a row, each task a bar on its core (read tasks, then
// stateful tasks after the barrier), a lost executor's rows are struck from the loss on, a moved
// store's load is drawn at its task's start, and idle cores in the stateful stage are counted.
import { describe, expect, it } from 'vitest';
import { advanced01Internals as q } from '../../../simulations/questions/advanced-01-internals/question';
import { faultToleranceEngine as engine } from '../../../simulations/kinds/fault-tolerance/engine';
import { frameAt, type FtRun } from '../../../simulations/kinds/fault-tolerance/frames';
import { internalsView } from '../../../src/lib/kinds/fault-tolerance/internals-layout';
import { runProgram } from '../fixtures/run-program';

function runWith(raw: Record<string, string | number>): FtRun {
	const params = q.constrain(raw).params;
	return runProgram(engine, q, params);
}

describe('internals layout', () => {
	it('follows the cursor through batch 3’s phases and draws its 8 tasks on 4 cores', () => {
		const run = runWith({});
		const b = run.batches.find((x) => x.batchId === 3)!;
		const at = (rel: number) => internalsView(frameAt(run, b.startMs + rel), 600)!;
		expect(at(5).segments.map((s) => s.status)).toEqual([
			'active',
			'pending',
			'pending',
			'pending',
			'pending',
			'pending'
		]);
		const mid = at(b.internals!.tasks[0]!.startMs - b.startMs + 1);
		expect(mid.segments.find((s) => s.key === 'addBatch')!.status).toBe('active');
		expect(mid.cursorX).not.toBeNull();
		const end = at(b.endMs - b.startMs);
		expect(end.segments.every((s) => s.status === 'done')).toBe(true);
		expect(end.rows.map((r) => r.label)).toEqual([
			'executor 0 · core 0',
			'executor 0 · core 1',
			'executor 1 · core 0',
			'executor 1 · core 1'
		]);
		expect(end.bars.filter((x) => x.kind === 'read')).toHaveLength(4);
		const state = end.bars.filter((x) => x.kind === 'state');
		expect(state.map((x) => x.label).sort()).toEqual(['s0 v3→4', 's1 v3→4', 's2 v3→4', 's3 v3→4']);
		const readEnd = Math.max(...end.bars.filter((x) => x.kind === 'read').map((x) => x.x + x.w));
		for (const s of state) expect(s.x).toBeGreaterThanOrEqual(readEnd - 0.001);
		for (const x of end.bars) expect(x.x + x.w).toBeLessThanOrEqual(600);
		expect(end.facts.idleInStateStage).toBe(0);
	});
	it('executor loss: struck rows, re-run bars, two load bars', () => {
		const run = runWith({ failurePhase: 'executorLost', failAtBatch: 5 });
		const b = run.batches.find((x) => x.batchId === 5)!;
		const v = internalsView(frameAt(run, b.endMs), 600)!;
		expect(v.rows.filter((r) => r.lostX !== null).map((r) => r.label)).toEqual([
			'executor 1 · core 0',
			'executor 1 · core 1'
		]);
		expect(v.bars.filter((x) => x.kind === 'retry')).toHaveLength(2);
		expect(v.bars.filter((x) => x.loadW > 0)).toHaveLength(2);
		expect(v.facts).toMatchObject({ lostExecutor: 1, retried: 2, loads: 2 });
	});
	it('2 shuffle partitions on 8 cores: 6 idle in the stateful stage', () => {
		const run = runWith({ shufflePartitions: 2, executors: 4 });
		const v = internalsView(frameAt(run, run.batches[3]!.endMs), 600)!;
		expect(v.facts).toMatchObject({ cores: 8, stateTasks: 2, idleInStateStage: 6 });
	});
	it('a page without a cluster draws nothing', () => {
		expect(internalsView({ batches: [] } as never)).toBeNull();
	});
});
