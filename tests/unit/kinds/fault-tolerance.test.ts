// basic-06 on the fault-tolerance kind, seed 1: each preset's story holds in the run's numbers,
// and every failure phase leaves what Spark's checkpoint would (R1.3, R6).
import { describe, expect, it } from 'vitest';
import { basic06Checkpoints as q } from '../../../simulations/questions/basic-06-checkpoints/question';
import { faultToleranceKind as kind } from '../../../simulations/kinds/fault-tolerance/kind';
import { faultToleranceEngine as engine } from '../../../simulations/kinds/fault-tolerance/engine';
import { frameAt, type FtRun } from '../../../simulations/kinds/fault-tolerance/frames';
import { readableContent } from '../../../simulations/kinds/fault-tolerance/file-text';
import { advanced03ExactlyOnce as a03 } from '../../../simulations/questions/advanced-03-exactly-once/question';
import { CHECKPOINT_LOCATION_REQUIRED } from '../../../simulations/structured/failures/checkpoint-location';
import { runProgram } from '../fixtures/run-program';

function runWith(raw: Record<string, string | number>, seed = 1): FtRun {
	const params = q.constrain(raw).params;
	return runProgram(engine, q, params, seed);
}
const runPreset = (id: string) => runWith({ ...q.presets.find((p) => p.id === id)!.params });
const paths = (run: FtRun) => run.files.map((f) => f.path);

describe('basic-06 presets at seed 1', () => {
	it('crash after the sink: batch 5 re-runs with the same id and offsets; the file sink skips it', () => {
		const run = runPreset('crash-after-sink');
		const fives = run.batches.filter((b) => b.batchId === 5);
		expect(fives.map((b) => [b.attempt, b.replay, b.failed])).toEqual([
			[1, false, 'afterSinkBeforeCommit'],
			[2, true, null]
		]);
		expect(fives[1]!.start).toEqual(fives[0]!.start);
		expect(fives[1]!.end).toEqual(fives[0]!.end);
		expect(fives[1]!.sink).toEqual({
			status: 'skipped',
			note: 'Skipping already committed batch 5'
		});
		expect(run.restarts).toEqual([
			{ stopMs: run.crashes[0]!.atMs, startMs: run.crashes[0]!.atMs + 3000, replays: 5 }
		]);
		// offsets/5 once, commits/5 only after the re-run, _spark_metadata/5 once.
		const p = paths(run);
		expect(p.filter((x) => x === 'offsets/5')).toHaveLength(1);
		expect(p.filter((x) => x === '_spark_metadata/5')).toHaveLength(1);
		const commit5 = run.files.find((f) => f.path === 'commits/5')!;
		expect(commit5.atMs).toBeGreaterThan(fives[1]!.startMs);
		expect(run.batches.at(-1)!.ledger.extraWrites).toBe(0);
		// While the driver is down nothing runs; the query id stays, the run changes.
		const down = frameAt(run, run.crashes[0]!.atMs + 1000);
		expect(down.down).toBe(true);
		expect(frameAt(run, fives[1]!.endMs).runIndex).toBe(1);
	});
	it('crash before offsets/5: nothing to replay, batch 5 is planned afresh with more records', () => {
		const run = runPreset('crash-before-offset-log');
		const fives = run.batches.filter((b) => b.batchId === 5);
		expect(fives[0]!.failed).toBe('beforeOffsetLog');
		expect(fives[1]!.replay).toBe(false);
		expect(run.restarts[0]!.replays).toBeNull();
		expect(fives[1]!.numInputRows).toBeGreaterThan(run.batches[4]!.numInputRows);
	});
	it('after offsets/N or during processing: the re-run reads exactly the logged offsets', () => {
		for (const phase of ['afterOffsetLog', 'duringProcessing']) {
			const run = runWith({ failurePhase: phase, failAtBatch: 3 });
			const threes = run.batches.filter((b) => b.batchId === 3);
			expect(threes[0]!.failed).toBe(phase);
			expect(threes[1]!.replay).toBe(true);
			expect(threes[1]!.end).toEqual(threes[0]!.end);
			// No sink write and no state version for the attempt that died.
			expect(threes[0]!.sink).toBeNull();
			expect(run.files.filter((f) => f.path === '_spark_metadata/3')).toHaveLength(1);
		}
	});
	it('an executor loss re-runs its tasks inside the batch: no restart, no replay', () => {
		const run = runWith({ failurePhase: 'executorLost', failAtBatch: 4 });
		expect(run.crashes).toEqual([]);
		expect(run.restarts).toEqual([]);
		const b = run.batches.find((x) => x.batchId === 4)!;
		expect(b.failed).toBe('executorLost');
		expect(b.tasksRerun).toBe(3);
		expect(run.batches.filter((x) => x.batchId === 4)).toHaveLength(1);
	});
	it('the folder growing: a delta per partition and version, a snapshot every 5 deltas', () => {
		const run = runPreset('checkpoint-folder');
		const p = paths(run);
		expect(p.slice(0, 3)).toEqual(['metadata', 'sources/0/0', 'offsets/0']);
		const snaps = p.filter((x) => x.endsWith('.snapshot'));
		expect(snaps.slice(0, 4)).toEqual([
			'state/0/0/5.snapshot',
			'state/0/1/5.snapshot',
			'state/0/0/10.snapshot',
			'state/0/1/10.snapshot'
		]);
		// Write order inside a batch: offsets/N, then state and the sink, then commits/N.
		const at = (path: string) => run.files.find((f) => f.path === path)!.atMs;
		expect(at('offsets/7')).toBeLessThan(at('state/0/0/8.delta'));
		expect(at('state/0/0/8.delta')).toBeLessThan(at('commits/7'));
		expect(at('_spark_metadata/7')).toBeLessThan(at('commits/7'));
		expect(readableContent(run.files.find((f) => f.path === 'state/0/0/5.snapshot')!)).toMatch(
			/^\[10:00:00, 10:01:00\), d-\d → /
		);
	});
	it('no checkpointLocation: Spark refuses the parquet sink at start(), nothing runs', () => {
		const run = runPreset('no-checkpoint');
		expect(run.refused).toBe(CHECKPOINT_LOCATION_REQUIRED);
		expect(run.batches).toEqual([]);
		expect(kind.rejection(run)?.message).toBe(CHECKPOINT_LOCATION_REQUIRED);
		expect(q.program(q.constrain({ checkpointEnabled: 'off' }).params)).not.toContain(
			'checkpointLocation'
		);
	});
	it('the program rewrites both ways', () => {
		const params = q.constrain({ minDeltasForSnapshot: 4, shufflePartitions: 3 }).params;
		const code = q.program(params);
		expect(code).toContain('"spark.sql.streaming.stateStore.minDeltasForSnapshot", "4")');
		expect(code).toContain('"spark.sql.shuffle.partitions", "3")');
		const edited = code.replace('minDeltasForSnapshot", "4"', 'minDeltasForSnapshot", "7"');
		expect(kind.paramsOf(q, edited, null, params).minDeltasForSnapshot).toBe(7);
		const run = runWith({ shufflePartitions: 3, failurePhase: 'none' });
		expect(
			new Set(run.files.filter((f) => f.path.startsWith('state/')).map((f) => f.path.split('/')[2]))
		).toEqual(new Set(['0', '1', '2']));
	});
	it('asks at least two predictions, answered by the run', () => {
		const run = runPreset('crash-after-sink');
		const ps = kind.features.predictions!(run);
		expect(ps.map((p) => [p.id, p.answer])).toEqual([
			['restart-5', 'same'],
			['sink-5', 'once'],
			['snapshot-10', 'both']
		]);
	});
	it('is deterministic: same seed, same run', () => {
		expect(JSON.stringify(runWith({}, 7))).toBe(JSON.stringify(runWith({}, 7)));
	});
});

describe('advanced-03 at seed 1: the same failure, an idempotent and an appending write', () => {
	const run03 = (raw: Record<string, string | number>) => {
		const params = a03.constrain(raw).params;
		return runProgram(engine, a03, params);
	};
	it('overwrite by batch_id: the re-run of batch 3 writes its directory again, no duplicate', () => {
		const run = run03({});
		const threes = run.batches.filter((b) => b.batchId === 3);
		expect(threes.map((b) => b.replay)).toEqual([false, true]);
		expect(threes[1]!.end).toEqual(threes[0]!.end);
		expect(threes[1]!.numOutputRows).toBe(threes[0]!.numOutputRows);
		expect(run.batches.at(-1)!.ledger.extraWrites).toBe(0);
		const writes = run.files.filter((f) => f.area === 'output' && f.path.includes('batch_id=3/'));
		expect(writes).toHaveLength(2);
	});
	it('append: the ledger counts batch 3’s rows twice, and only those', () => {
		const run = run03({ sinkMode: 'nonIdempotent' });
		const three = run.batches.find((b) => b.batchId === 3)!;
		expect(three.numOutputRows).toBeGreaterThan(0);
		expect(run.batches.at(-1)!.ledger.extraWrites).toBe(three.numOutputRows);
		expect(kind.features.predictions!(run).map((p) => [p.id, p.answer])).toEqual([
			['restart-3', 'same'],
			['sink-3', 'twice']
		]);
	});
	it('a crash before offsets/3 leaves nothing to replay: no duplicate even when appending', () => {
		const run = run03({ sinkMode: 'nonIdempotent', failurePhase: 'beforeOffsetLog' });
		expect(run.restarts[0]!.replays).toBeNull();
		expect(run.batches.at(-1)!.ledger.extraWrites).toBe(0);
	});
	it('rewrites the write both ways: mode and path together', () => {
		const code = a03.program(a03.constrain({ sinkMode: 'nonIdempotent' }).params);
		expect(code).toContain('.write.mode("append")  # <- sinkMode');
		expect(code).toContain('.parquet(f"{OUT_DIR}/all")  # <- sinkMode');
		const back = kind.paramsOf(a03, a03.program(a03.constrain({}).params), null, {
			...a03.constrain({}).params,
			sinkMode: 'nonIdempotent'
		});
		expect(back.sinkMode).toBe('idempotent');
	});
	it('DataFrameWriter’s default mode fails on a path the first attempt wrote (Spark’s error)', () => {
		const params = a03.constrain({}).params;
		const code = a03
			.program(params)
			.replace('.write.mode("overwrite")', '.write')
			.replace('.parquet(f"{OUT_DIR}/batch_id={batch_id}")', '.parquet(f"{OUT_DIR}/all")');
		const r = engine.run(a03, { code, params, seed: 1, script: null, edits: [] });
		expect(r.ok && r.value.refused).toMatch(
			/^\[FOREACH_BATCH_USER_FUNCTION_ERROR\].*Reason: \[PATH_ALREADY_EXISTS\]/
		);
		expect(r.ok && r.value.refused).toMatch(
			/PATH_ALREADY_EXISTS\] Path file:\/tmp\/playground\/out\/advanced-03-orders\/all already exists/
		);
	});
});
