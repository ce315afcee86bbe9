// The Kafka log layout: one offset scale for every partition, ranges where the batches read.
import { describe, expect, it } from 'vitest';
import { layoutLog } from '../../../src/lib/views/kafka-log/layout';
import type { SsFrame } from '../../../simulations/kinds/source-sink/frames';

const batch = (batchId: number, start: Record<number, number>, end: Record<number, number>) => ({
	batchId,
	triggerMs: batchId * 1000,
	start,
	end,
	numInputRows: 0,
	numOutputRows: 0,
	offsetLog: '',
	commitLog: '',
	sinkRecords: 0,
	attempt: 1,
	sink: {
		status: null,
		note: null,
		delivered: 0,
		visible: 0,
		rows: [],
		copies: [],
		duplicates: 0,
		duplicated: 0,
		targets: [],
		rowTargets: []
	}
});

describe('layoutLog', () => {
	it('places ranges, retention cut, committed and producer marks on one scale', () => {
		const b0 = batch(0, { 0: 0, 1: 0 }, { 0: 40, 1: 10 });
		const b1 = batch(1, { 0: 40, 1: 10 }, { 0: 60, 1: 10 });
		const frame: SsFrame = {
			t: 1000,
			partitions: [
				{ partition: 0, earliest: 20, latest: 100, committed: 60 },
				{ partition: 1, earliest: 0, latest: 10, committed: 10 }
			],
			batches: [b0, b1],
			current: b1,
			down: false,
			crashed: false,
			failed: null,
			finished: null,
			skippedOffsets: 0
		};
		// width 906, left 90: 800 px for 100 offsets = 8 px an offset.
		const l = layoutLog(frame, 100, 906);
		const [p0, p1] = l.rows;
		expect(p0!.ranges.map((r) => [r.batchId, r.x, r.width, r.current])).toEqual([
			[0, 90, 320, false],
			[1, 410, 160, true]
		]);
		expect(p0!.deletedWidth).toBe(160);
		expect([p0!.committedX, p0!.producerX, p0!.lag]).toEqual([570, 890, 40]);
		// Batch 1 read nothing from partition 1: no bar for it.
		expect(p1!.ranges.map((r) => r.batchId)).toEqual([0]);
		expect(p1!.lag).toBe(0);
	});
});
