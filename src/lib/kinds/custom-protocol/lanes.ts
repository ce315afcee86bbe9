/**
 * The scrubber's lanes for a custom-protocol run (simulations/kinds/custom-protocol/markers.ts):
 * each batch, the crash, and the replay.
 */
import { symbolTriangle, symbolX } from 'd3-shape';
import { markerShape, symbolTick, type LaneSpec } from '$lib/controls/scrubber-layout';

const TICK = markerShape(symbolTick);

export const CUSTOM_PROTOCOL_LANES: readonly LaneSpec[] = [
	{
		kind: 'batch',
		style: {
			label: 'batch: offsets/N written',
			path: TICK,
			colour: 'var(--fg-muted)',
			hollow: true
		}
	},
	{
		kind: 'crash',
		style: {
			label: 'query crashed',
			path: markerShape(symbolX),
			colour: 'var(--c-vermillion)',
			hollow: true
		}
	},
	{
		kind: 'replay',
		style: {
			label: 'batch replayed from offsets/N',
			path: markerShape(symbolTriangle),
			colour: 'var(--c-blue)',
			hollow: false
		}
	}
];
