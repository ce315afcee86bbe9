/**
 * The scrubber's lanes for a Kafka run (simulations/kinds/source-sink/markers.ts): each batch's
 * offsets, the query stopping and starting, retention deleting records, data loss.
 */
import { symbolDiamond, symbolTriangle, symbolX } from 'd3-shape';
import { markerShape, symbolTick, type LaneSpec } from '$lib/controls/scrubber-layout';

export const SOURCE_SINK_LANES: readonly LaneSpec[] = [
	{
		kind: 'offsets',
		style: {
			label: 'offsets/N written',
			path: markerShape(symbolTick),
			colour: 'var(--fg-muted)',
			hollow: true
		}
	},
	{
		kind: 'restart',
		style: {
			label: 'query stopped / started',
			path: markerShape(symbolTriangle),
			colour: 'var(--c-blue)',
			hollow: false
		}
	},
	{
		kind: 'retention',
		style: {
			label: 'retention deleted records',
			path: markerShape(symbolDiamond),
			colour: 'var(--c-orange)',
			hollow: true
		}
	},
	{
		kind: 'dataLoss',
		style: {
			label: 'data loss',
			path: markerShape(symbolX),
			colour: 'var(--c-vermillion)',
			hollow: true
		}
	}
];
