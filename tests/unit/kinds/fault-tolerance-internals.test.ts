// advanced-01 on the fault-tolerance kind, seed 1: every batch's tasks follow partitions (one read
// task per Kafka partition with records, one stateful task per shuffle partition reading state
// version N and writing N+1) on the cluster model's cores; an executor loss re-runs its read tasks
// and loads its stores elsewhere inside the batch; a driver crash replays the batch and the new
// executors load every store; two shuffle partitions leave six of eight cores idle.
import { describe, expect, it } from 'vitest';
import { advanced01Internals as q } from '../../../simulations/questions/advanced-01-internals/question';
import { faultToleranceEngine as engine } from '../../../simulations/kinds/fault-tolerance/engine';
import { faultToleranceKind as kind } from '../../../simulations/kinds/fault-tolerance/kind';
import type { FtRun } from '../../../simulations/kinds/fault-tolerance/frames';
import { filesToLoad } from '../../../simulations/kinds/fault-tolerance/internals';
import { runProgram } from '../fixtures/run-program';

function runWith(raw: Record<string, string | number>, seed = 1): FtRun {
	const params = q.constrain(raw).params;
	return runProgram(engine, q, params, seed);
}
const preset = (id: string) => runWith({ ...q.presets.find((p) => p.id === id)!.params });

describe('advanced-01 at seed 1', () => {
	it('internals: 4 read tasks then 4 stateful tasks per batch on 4 cores, durationMs adding up', () => {
		const run = preset('internals');
		expect(run.refused).toBeNull();
		for (const b of run.batches.filter((x) => x.numInputRows > 0)) {
			const i = b.internals!;
			expect(i.readTasks).toBe(4);
			expect(i.stateTasks).toBe(4);
			const state = i.tasks.filter((t) => t.stage === 'state');
			expect(state.map((t) => t.partition).sort()).toEqual([0, 1, 2, 3]);
			for (const t of state) expect([t.reads, t.writes]).toEqual([b.batchId, b.batchId + 1]);
			// The stage barrier: no stateful task starts before the last read task ends.
			const lastRead = Math.max(...i.tasks.filter((t) => t.stage === 'read').map((t) => t.endMs));
			expect(Math.min(...state.map((t) => t.startMs))).toBeGreaterThanOrEqual(lastRead);
			const d = i.durationMs;
			expect(
				d.latestOffset! +
					d.walCommit! +
					d.getBatch! +
					d.queryPlanning! +
					d.addBatch! +
					d.commitOffsets!
			).toBe(d.triggerExecution);
			expect(b.endMs - b.startMs).toBe(d.triggerExecution);
			// Stores stay where they are: no load without a failure.
			expect(i.tasks.every((t) => t.loadMs === 0)).toBe(true);
		}
	});
	it('executor loss: its read tasks re-run, its stores load on the survivor, batch 5 runs once', () => {
		const run = preset('executor-loss');
		const fives = run.batches.filter((b) => b.batchId === 5);
		expect(fives).toHaveLength(1);
		const i = fives[0]!.internals!;
		expect(i.lost?.executor).toBe(1);
		const lostReads = i.tasks.filter((t) => t.stage === 'read' && t.lost).map((t) => t.partition);
		const retried = i.tasks.filter((t) => t.retry);
		expect(retried.map((t) => t.partition).sort()).toEqual(lostReads.sort());
		expect(retried.every((t) => t.executor === 0)).toBe(true);
		const loads = i.tasks.filter((t) => t.loadMs > 0);
		expect(loads.map((t) => t.partition).sort()).toEqual([1, 3]);
		// Version 5 of a partition: deltas 1..5 (no snapshot before version 10).
		expect(loads[0]!.loadFiles).toEqual(
			[1, 2, 3, 4, 5].map((v) => `state/0/${loads[0]!.partition}/${v}.delta`)
		);
		expect(run.restarts).toEqual([]);
		const before = run.batches.find((b) => b.batchId === 4)!;
		expect(fives[0]!.endMs - fives[0]!.startMs).toBeGreaterThan(before.endMs - before.startMs);
		// Afterwards one executor carries every task, and every store is already there.
		const six = run.batches.find((b) => b.batchId === 6)!.internals!;
		expect(new Set(six.tasks.map((t) => t.executor))).toEqual(new Set([0]));
		expect(six.tasks.every((t) => t.loadMs === 0)).toBe(true);
	});
	it('driver crash: batch 5 re-runs with the same offsets on new executors, every store loads', () => {
		const run = preset('driver-crash');
		const fives = run.batches.filter((b) => b.batchId === 5);
		expect(fives.map((b) => [b.replay, b.failed])).toEqual([
			[false, 'duringProcessing'],
			[true, null]
		]);
		expect(fives[1]!.end).toEqual(fives[0]!.end);
		const again = fives[1]!.internals!;
		// The logged batch is constructed already: no latestOffset, no offsets/5 written again.
		expect([again.durationMs.latestOffset, again.durationMs.walCommit]).toEqual([0, 0]);
		expect(new Set(again.tasks.map((t) => t.executor))).toEqual(new Set([2, 3]));
		expect(again.tasks.filter((t) => t.stage === 'state' && t.loadMs > 0)).toHaveLength(4);
	});
	it('too few partitions: 2 stateful tasks on 8 cores, 6 idle', () => {
		const run = preset('too-few-partitions');
		const i = run.batches[2]!.internals!;
		expect(i.cores).toBe(8);
		expect(i.stateTasks).toBe(2);
		expect(i.readTasks).toBe(4);
	});
	it('asks the predictions the page promises, answered by the run', () => {
		const ids = (id: string) =>
			kind.features.predictions!(preset(id)).map((p) => p.id.split('-')[0]);
		expect(ids('internals')).toEqual(expect.arrayContaining(['tasks', 'idle']));
		expect(ids('executor-loss')).toContain('executor');
		expect(ids('driver-crash')).toEqual(expect.arrayContaining(['restart']));
		const exec = kind.features.predictions!(preset('executor-loss')).find((p) =>
			p.id.startsWith('executor-')
		)!;
		expect(exec.answer).toBe('tasks');
	});
	it('the shuffle partitions are a span of the program, both ways', () => {
		const code = q.program(q.constrain({ shufflePartitions: 7 }).params);
		expect(code).toContain('.config("spark.sql.shuffle.partitions", "7")');
		const back = kind.paramsOf(q, code, null as never, q.constrain({}).params);
		expect(back.shufflePartitions).toBe(7);
	});
	it('a program Spark refuses to start runs nothing: the parquet sink without checkpointLocation', () => {
		const params = q.constrain({}).params;
		const code = q
			.program(params)
			.split('\n')
			.filter((l) => !l.includes('checkpointLocation'))
			.join('\n');
		const r = engine.run(q, { code, params, seed: 1, script: null, edits: [] });
		if (!r.ok) throw new Error(r.error.message);
		expect(r.value.refused).toMatch(/checkpointLocation/);
		expect(r.value.batches).toEqual([]);
	});
	it('a store loads from the last snapshot and the deltas after it', () => {
		const f = (path: string) => ({
			area: 'checkpoint' as const,
			path,
			content: '',
			atMs: 0,
			batchId: 0
		});
		const files = [1, 2, 3]
			.map((v) => f(`state/0/1/${v}.delta`))
			.concat(f('state/0/1/2.snapshot'), f('state/0/2/3.delta'));
		expect(filesToLoad(files, 1, 3)).toEqual(['state/0/1/2.snapshot', 'state/0/1/3.delta']);
		expect(filesToLoad(files, 1, 1)).toEqual(['state/0/1/1.delta']);
		// RocksDB: every version is a zip, the newest is the load; with changelogs, zip + changelogs.
		expect(filesToLoad(files, 1, 3, 'rocksdb')).toEqual(['state/0/1/3.zip']);
		expect(filesToLoad(files, 1, 3, 'rocksdb-changelog')).toEqual([
			'state/0/1/2.zip',
			'state/0/1/3.changelog'
		]);
	});
	it('the stateStoreProvider control is the program’s providerClass, both ways', () => {
		const rocks = q.program(q.constrain({ stateStoreProvider: 'rocksdb' }).params);
		expect(rocks).toContain(
			'"org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",  # <- stateStoreProvider'
		);
		const r = engine.run(q, {
			code: rocks,
			params: q.constrain({}).params,
			seed: 1,
			script: null,
			edits: []
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(kind.paramsOf(q, rocks, r.value, q.constrain({}).params).stateStoreProvider).toBe(
			'rocksdb'
		);
		const state = r.value.files.filter((f) => f.path.startsWith('state/'));
		expect(state.length).toBeGreaterThan(0);
		expect(state.every((f) => f.path.endsWith('.zip'))).toBe(true);
	});
});
