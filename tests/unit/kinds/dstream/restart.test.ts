/**
 * A driver failure and restart (simulations/dstream/recovery.ts) on hand-written input: one line
 * at every x.5 s, 2 s batches, the driver dies at 7 s and is back at 9 s. Expectations computed
 * by hand from Spark's rules: the newest checkpoint is checkpoint-6s (batch 6 s finished at
 * ~6.2 s, nothing pending), restartTime = 10 s, so batches 6 s and 8 s are re-run
 * (checkpointTime.until(restartTime)); lines at 7.5 and 8.5 s reach no receiver.
 */
import { describe, expect, it } from 'vitest';
import type { DsRun } from '../../../../simulations/kinds/dstream/frames';
import { program, run } from './restart-fixture';
import { dstreamMarkersOf } from '../../../../simulations/kinds/dstream/markers';

/** The state ('a', n) each batch printed, by batch key (`6r`: re-run by the restarted driver). */
const totals = (r: DsRun) =>
	Object.fromEntries(
		r.batches.map((b) => [
			`${b.batchTime / 1000}${b.attempt === 1 ? 'r' : ''}`,
			Number(/\('a', (\d+)\)/.exec(b.pprint.join('\n'))?.[1] ?? 0)
		])
	);

describe('driver restart from a checkpoint (getOrCreate)', () => {
	it('re-runs the checkpointed batch and the down time, all submitted at the restart', () => {
		const r = run(program({ wal: true }));
		expect(r.restart).toMatchObject({
			checkpointTime: 6000,
			pendingTimes: [],
			downTimes: [6000, 8000],
			rerunTimes: [6000, 8000],
			restartTime: 10_000,
			dataCheckpointTime: 4000,
			fromCheckpoint: true,
			codeIgnored: false
		});
		const reruns = r.batches.filter((b) => b.rerun);
		expect(reruns.map((b) => b.batchTime)).toEqual([6000, 8000]);
		expect(reruns[0]!.startMs).toBe(9000);
		expect(reruns[1]!.startMs).toBe(reruns[0]!.endMs);
		// Before the crash: batches 2, 4, 6 (batch 8 was still filling at 7 s).
		expect(r.batches.filter((b) => b.attempt === 0).map((b) => b.batchTime)).toEqual([
			2000, 4000, 6000
		]);
	});

	it('gives every marker its own id, and each driver its own blocks', () => {
		const r = run(program({ wal: true }));
		const ids = dstreamMarkersOf(r).map((m) => m.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toContain('driver-failed');
		// Batch 6 s: 2 lines in blocks before the crash, read back once more from the log.
		const six = r.batches.filter((b) => b.batchTime === 6000);
		expect(six.map((b) => b.blocks.reduce((n, k) => n + k.records, 0))).toEqual([2, 2]);
	});

	it('with the write-ahead log, re-run batches read back what was received; the state carries on', () => {
		const r = run(program({ wal: true }));
		expect(totals(r)).toMatchObject({ 2: 2, 4: 4, 6: 6, '6r': 6, '8r': 7, '10r': 8, '12r': 10 });
		// 6.5 s was received (a block at 6.6 s) and goes to batch 8; 7.5 and 8.5 never arrive.
		expect(r.batches.find((b) => b.rerun && b.batchTime === 8000)?.numRecords).toBe(1);
		expect(r.restart).toMatchObject({ recoveredFromLog: 3, lostReceived: 0, notReceived: 2 });
	});

	it('without it, the state goes back to the 4 s data checkpoint and re-run batches are empty', () => {
		const r = run(program());
		expect(totals(r)).toMatchObject({ 6: 6, '6r': 4, '8r': 4, '10r': 5 });
		expect(r.batches.filter((b) => b.rerun).map((b) => b.numRecords)).toEqual([0, 0]);
		expect(r.restart).toMatchObject({ wal: false, recoveredFromLog: 0, lostReceived: 3 });
	});

	it('does not pick up a changed program: the checkpointed one runs, at its batch interval', () => {
		const first = program({ wal: true });
		const r = run(program({ wal: true, batch: 4 }), first);
		expect(r.batchMs).toBe(2000);
		expect(r.restart?.codeIgnored).toBe(true);
		expect(totals(r)['10r']).toBe(8);
	});

	it('without getOrCreate the restart is a fresh start: empty state, nothing re-run', () => {
		const r = run(program({ wal: true, getOrCreate: false }));
		expect(r.restart).toMatchObject({ fromCheckpoint: false, rerunTimes: [] });
		expect(totals(r)).toMatchObject({ 6: 6, '10r': 1, '12r': 3 });
	});
});
