import type { EtRun } from '../../../../simulations/kinds/event-time/frames';

/**
 * The input rows, first batch and windows both event-time fixtures (frames, markers) start from.
 */

/**
 * The three input rows: batch 0 reads e1 and e2 (event
 * times 3 s and 12 s, windows w0 and w1), batch 1 drops e3 (event time 1 s, below the watermark).
 */
export const THREE_EVENTS: EtRun['events'] = [
	{
		id: 'e1',
		stream: 's',
		key: 'a',
		eventTimeMs: 3000,
		arrivalMs: 1000,
		batchId: 0,
		dropped: false,
		windows: ['w0']
	},
	{
		id: 'e2',
		stream: 's',
		key: 'a',
		eventTimeMs: 12000,
		arrivalMs: 4000,
		batchId: 0,
		dropped: false,
		windows: ['w1']
	},
	{
		id: 'e3',
		stream: 's',
		key: 'a',
		eventTimeMs: 1000,
		arrivalMs: 6000,
		batchId: 1,
		dropped: true,
		windows: []
	}
];

/** Batch 0 over [0, 5 s): reads e1 and e2 (max event time 12 s) and, with delay 10 s, computes
 *  watermark 2 s. A fixture sets the watermark it ran with and any logs on top. */
export const BATCH_0: EtRun['batches'][number] = {
	batchId: 0,
	startMs: 0,
	endMs: 5000,
	watermarkMs: 0,
	nextWatermarkMs: 2000,
	numInputRows: 2,
	numRowsDroppedByWatermark: 0,
	numStateRows: 2,
	noData: false,
	output: []
};

/** Key a's windows [0, 10) and [10, 20), each opened by batch 0 (e1, e2); batch 1 emits and evicts
 *  the first one, the second stays open. */
export const KEY_A_WINDOWS: EtRun['windows'] = [
	{
		id: 'w0',
		key: 'a',
		startMs: 0,
		endMs: 10000,
		updates: [{ batchId: 0, label: '1', count: 1 }],
		emittedBatch: 1,
		evictedBatch: 1
	},
	{
		id: 'w1',
		key: 'a',
		startMs: 10000,
		endMs: 20000,
		updates: [{ batchId: 0, label: '1', count: 1 }],
		emittedBatch: null,
		evictedBatch: null
	}
];
