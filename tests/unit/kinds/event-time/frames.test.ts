import { describe, expect, it } from 'vitest';
import { BATCH_0, KEY_A_WINDOWS, THREE_EVENTS } from './fixture-events';
import {
	frameAt,
	nextBatchEnd,
	previousBatchEnd,
	type EtRun
} from '../../../../simulations/kinds/event-time/frames';

// Two batches, delay 10 s: batch 0 over [0, 5 s) reads e1 and e2 (max event time 12 s) and
// computes watermark 2 s; batch 1 over [5 s, 8 s) runs with 2 s, drops e3 (event time 1 s ≤ 2 s),
// reads e4 (event time 15 s), emits window [0, 10) and computes watermark 5 s. Every value a rule
// tells apart differs here: the watermark a batch ran with (2 s) is not the one it computed (5 s),
// so reading the wrong one fails a test, not only a snapshot.
//
//   proc time  0 ────────5────────8──── 12
//   batches    [   0    )[  1   )
//   watermark  0         2 s      5 s
const RUN: EtRun = {
	events: [
		...THREE_EVENTS,
		{
			id: 'e4',
			stream: 's',
			key: 'b',
			eventTimeMs: 15000,
			arrivalMs: 7000,
			batchId: 1,
			dropped: false,
			windows: ['w2']
		}
	],
	batches: [
		BATCH_0,
		{
			batchId: 1,
			startMs: 5000,
			endMs: 8000,
			watermarkMs: 2000,
			nextWatermarkMs: 5000,
			numInputRows: 2,
			numRowsDroppedByWatermark: 1,
			numStateRows: 2,
			noData: false,
			output: [[{ start: 0, end: 10 }, 1]]
		}
	],
	windows: [
		...KEY_A_WINDOWS,
		{
			id: 'w2',
			key: 'b',
			startMs: 10000,
			endMs: 20000,
			updates: [{ batchId: 1, label: '1', count: 1 }],
			emittedBatch: null,
			evictedBatch: null
		}
	],
	outputColumns: ['window', 'count'],
	outputMode: 'append',
	delayMs: 10000,
	endMs: 12000
};

describe('frameAt', () => {
	it('before any batch ends, rows have arrived but no window exists yet', () => {
		const f = frameAt(RUN, 4500);
		expect(f.arrived.map((e) => e.id)).toEqual(['e1', 'e2']);
		expect(f.done).toHaveLength(0);
		expect(f.running?.batchId).toBe(0);
		expect(f.windows).toHaveLength(0);
		expect(f.watermarkMs).toBe(0);
	});

	it('while batch 1 runs, it runs with the watermark batch 0 computed', () => {
		const f = frameAt(RUN, 6000);
		expect(f.running?.batchId).toBe(1);
		expect(f.watermarkMs).toBe(2000);
		expect(f.windows.map((w) => w.state)).toEqual(['updated', 'updated']);
	});

	it('after batch 1, the window it emitted and evicted shows as emitted, the other as open', () => {
		const f = frameAt(RUN, 9000);
		expect(f.windows.map((w) => [w.window.id, w.state])).toEqual([
			['w0', 'emitted'],
			['w1', 'open'],
			['w2', 'updated']
		]);
		expect(f.lastOutput?.batchId).toBe(1);
	});

	it('the watermark: none before batch 0 ends, the one a batch runs with while it runs, the one it computed once it ends', () => {
		// Batch 0 running: the initial watermark.
		expect(frameAt(RUN, 4500).watermarkMs).toBe(0);
		// Batch 1 running: what batch 0 computed, not what batch 1 will compute.
		expect(frameAt(RUN, 6000).watermarkMs).toBe(2000);
		// After batch 1, no batch running: what batch 1 computed (for the next batch), not what it ran with.
		expect(frameAt(RUN, 9000).watermarkMs).toBe(5000);
		expect(frameAt(RUN, 12000).watermarkMs).toBe(5000);
	});

	it('rows are counted where their batch put them: dropped rows in no window, kept rows in theirs', () => {
		const f = frameAt(RUN, 9000);
		expect(f.arrived.filter((e) => e.dropped).map((e) => e.id)).toEqual(['e3']);
		expect(f.done.at(-1)?.numRowsDroppedByWatermark).toBe(1);
		expect(f.windows.find((w) => w.window.id === 'w2')?.latest?.count).toBe(1);
	});

	it('a window evicted without being emitted (update mode) shows as evicted', () => {
		const run = { ...RUN, windows: RUN.windows.map((w) => ({ ...w, emittedBatch: null })) };
		expect(frameAt(run, 9000).windows[0]?.state).toBe('evicted');
	});

	it('two cursors inside one batch share what only a batch changes (the views lay it out once per batch)', () => {
		// Batch 1 runs over [5 s, 8 s): e4 arrives at 7 s, so the frames differ in rows, not batches.
		const a = frameAt(RUN, 6000);
		const b = frameAt(RUN, 7500);
		expect(b.arrived.length).toBeGreaterThan(a.arrived.length);
		expect(b.done).toBe(a.done);
		expect(b.windows).toBe(a.windows);
		expect(b.inputWatermarks).toBe(a.inputWatermarks);
		// A batch ending gives new ones, with its effects; scrubbing back gives the earlier ones again.
		const after = frameAt(RUN, 8000);
		expect(after.done).not.toBe(a.done);
		expect(after.done.map((d) => d.batchId)).toEqual([0, 1]);
		expect(frameAt(RUN, 6500).done.map((d) => d.batchId)).toEqual([0]);
		expect(frameAt(RUN, 6500).windows).toEqual(a.windows);
	});

	it('step moves to the next batch end; step back to the previous one', () => {
		expect(nextBatchEnd(RUN, 0)).toBe(5000);
		expect(nextBatchEnd(RUN, 5000)).toBe(8000);
		expect(nextBatchEnd(RUN, 8000)).toBe(12000);
		expect(previousBatchEnd(RUN, 8000)).toBe(5000);
		expect(previousBatchEnd(RUN, 5000)).toBe(0);
	});
});
