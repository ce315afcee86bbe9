// advanced-04 on the fault-tolerance kind, seed 1: the state is reloaded from the checkpoint, not
// rebuilt from the input. The crashed batch 12 left 13.delta behind (its tasks committed the
// store before the sink); the restart loads version 12 per partition from 10.snapshot and
// 11, 12.delta, then re-runs batch 12; RocksDB names the same versions zip and changelog; a
// restart with an extra grouping key is refused by the state schema check; the state data
// source reads a committed batch's version.
import { describe, expect, it } from 'vitest';
import { advanced04CheckpointRecovery as q } from '../../../simulations/questions/advanced-04-checkpoint-recovery/question';
import { faultToleranceEngine as engine } from '../../../simulations/kinds/fault-tolerance/engine';
import { faultToleranceKind as kind } from '../../../simulations/kinds/fault-tolerance/kind';
import { frameAt, type FtRun } from '../../../simulations/kinds/fault-tolerance/frames';
import { stateColumns } from '../../../src/lib/kinds/fault-tolerance/recovery-columns';
import { runProgram } from '../fixtures/run-program';

function runWith(raw: Record<string, string | number>): FtRun {
	const params = q.constrain(raw).params;
	return runProgram(engine, q, params);
}
const preset = (id: string) => q.presets.find((p) => p.id === id)!.params;

describe('advanced-04 at seed 1', () => {
	it('state-recovery: 13.delta is written before the crash; the restart loads 10.snapshot + 11, 12', () => {
		const run = runWith(preset('state-recovery'));
		const crash = run.crashes[0]!;
		expect(crash).toMatchObject({ batchId: 12, phase: 'afterSinkBeforeCommit' });
		const d13 = run.files.find((f) => f.path === 'state/0/0/13.delta')!;
		expect(d13.atMs).toBeLessThan(crash.atMs);
		expect(run.files.some((f) => f.path === 'commits/12' && f.atMs < crash.atMs)).toBe(false);
		expect(run.recoveries).toHaveLength(1);
		for (const p of run.recoveries![0]!.partitions)
			expect(p).toMatchObject({ snapshot: 10, deltas: [11, 12], version: 12 });
		const replay = run.batches.find((b) => b.replay)!;
		expect(replay.batchId).toBe(12);
		expect(run.recoveries![0]!.endMs).toBe(replay.endMs);
		const ask = kind.features.predictions!(run).find((p) => p.id === 'recovery-12')!;
		expect(ask.answer).toBe('both');
	});

	it('draws the recovery on the columns while the restart re-runs batch 12', () => {
		const run = runWith(preset('state-recovery'));
		const r = run.recoveries![0]!;
		const col = stateColumns(run, frameAt(run, r.startMs))[0]!;
		const role = (name: string) => col.cells.find((c) => c.name === name)?.role;
		expect(role('10.snapshot')).toBe('loaded');
		expect([role('11.delta'), role('12.delta'), role('13.delta')]).toEqual([
			'replayed',
			'replayed',
			'rewritten'
		]);
		expect(role('10.delta')).toBeNull();
		expect(col.plan).toBe('load 10.snapshot, replay 11.delta 12.delta → version 12');
		expect(stateColumns(run, frameAt(run, r.endMs + 1))[0]!.plan).toBeNull();
	});

	it('rocksdb-changelog: N.changelog every version, N.zip every 5; recovery loads 10.zip', () => {
		const run = runWith(preset('rocksdb-changelog'));
		const names = run.files.filter((f) => f.path.startsWith('state/0/0/')).map((f) => f.path);
		expect(names.some((n) => n.endsWith('.delta') || n.endsWith('.snapshot'))).toBe(false);
		expect(names).toContain('state/0/0/5.zip');
		expect(names).toContain('state/0/0/12.changelog');
		expect(run.recoveries![0]!.partitions[0]).toMatchObject({ snapshot: 10, deltas: [11, 12] });
		// Without changelog checkpointing every version is a checkpoint: nothing to replay.
		const plain = runWith({ stateStoreProvider: 'rocksdb' });
		expect(plain.recoveries![0]!.partitions[0]).toMatchObject({ snapshot: 12, deltas: [] });
	});

	it('change-grouping-key-fails: Spark’s state schema error at the restart, located at groupBy', () => {
		const run = runWith(preset('change-grouping-key-fails'));
		expect(run.refused).toMatch(/^\[STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE\]/);
		expect(run.restartRefused).toBe(true);
		// At the restart's first trigger, before any batch of the restarted query.
		expect(run.refusedAtMs).toBeGreaterThanOrEqual(run.restarts[0]!.startMs);
		expect(run.batches.every((b) => b.startMs < run.refusedAtMs)).toBe(true);
		const code = q.program(q.constrain(preset('change-grouping-key-fails')).params);
		expect(code.split('\n')[run.refusedAt.line - 1]).toContain('"user", "merchant"');
		expect(run.batches.some((b) => b.replay)).toBe(false);
		// A filter added before the restart passes the check and the query goes on.
		const filtered = runWith({ restartChange: 'addFilter' });
		expect(filtered.refused).toBeNull();
		expect(filtered.batches.some((b) => b.replay && b.batchId === 12)).toBe(true);
	});

	it('time-travel: the state data source reads version 6 for batch 5, a row per key', () => {
		const run = runWith(preset('time-travel'));
		expect(run.stateTable?.batchId).toBe(5);
		const rows = run.stateTable!.rows;
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.length).toBeLessThanOrEqual(10);
		expect(rows[0]!.key).toMatch(/^\[10:00, 10:05\), u-\d+$/);
		expect(rows[0]!.value).toMatch(/^n=\d+, sum=/);
		// A batch id that never committed has no table.
		expect(runWith({ inspectBatchId: 30 }).stateTable).toBeNull();
	});
});
