import type { EtRun } from '../../../../simulations/kinds/event-time/frames';

/**
 * The three input rows both event-time fixtures start from: batch 0 reads e1 and e2 (event
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
