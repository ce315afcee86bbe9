import { describe, expect, it } from 'vitest';
import { frameAt, nextBatchEnd, previousBatchEnd, type EtRun } from '../../../simulations/frames/event-time';

// Two batches: batch 0 over [0, 5 s) reads e1 and e2 and computes watermark 2 s; batch 1 over
// [5 s, 8 s) runs with it, drops e3 (event time 1 s ≤ 2 s) and emits window [0, 10).
//
//   proc time  0 ────────5────────8──── 12
//   batches    [   0    )[  1   )
//   watermark  0         2 s
const RUN: EtRun = {
	events: [
		{ id: 'e1', stream: 's', key: 'a', eventTimeMs: 3000, arrivalMs: 1000, batchId: 0, dropped: false, windows: ['w0'] },
		{ id: 'e2', stream: 's', key: 'a', eventTimeMs: 12000, arrivalMs: 4000, batchId: 0, dropped: false, windows: ['w1'] },
		{ id: 'e3', stream: 's', key: 'a', eventTimeMs: 1000, arrivalMs: 6000, batchId: 1, dropped: true, windows: [] }
	],
	batches: [
		{ batchId: 0, startMs: 0, endMs: 5000, watermarkMs: 0, nextWatermarkMs: 2000, numInputRows: 2, numRowsDroppedByWatermark: 0, numStateRows: 2, noData: false, output: [] },
		{ batchId: 1, startMs: 5000, endMs: 8000, watermarkMs: 2000, nextWatermarkMs: 2000, numInputRows: 1, numRowsDroppedByWatermark: 1, numStateRows: 1, noData: false, output: [[{ start: 0, end: 10 }, 1]] }
	],
	windows: [
		{ id: 'w0', key: 'a', startMs: 0, endMs: 10000, updates: [{ batchId: 0, label: '1', count: 1 }], emittedBatch: 1, evictedBatch: 1 },
		{ id: 'w1', key: 'a', startMs: 10000, endMs: 20000, updates: [{ batchId: 0, label: '1', count: 1 }], emittedBatch: null, evictedBatch: null }
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
			['w1', 'open']
		]);
		expect(f.lastOutput?.batchId).toBe(1);
	});

	it('a window evicted without being emitted (update mode) shows as evicted', () => {
		const run = { ...RUN, windows: RUN.windows.map((w) => ({ ...w, emittedBatch: null })) };
		expect(frameAt(run, 9000).windows[0]?.state).toBe('evicted');
	});

	it('step moves to the next batch end; step back to the previous one', () => {
		expect(nextBatchEnd(RUN, 0)).toBe(5000);
		expect(nextBatchEnd(RUN, 5000)).toBe(8000);
		expect(nextBatchEnd(RUN, 8000)).toBe(12000);
		expect(previousBatchEnd(RUN, 8000)).toBe(5000);
		expect(previousBatchEnd(RUN, 5000)).toBe(0);
	});
});
