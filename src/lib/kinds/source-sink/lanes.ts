/**
 * The scrubber's lanes for a Kafka run (simulations/kinds/source-sink/markers.ts): each batch's
 * offsets, the query stopping and starting, retention deleting records, data loss.
 */
import { symbol, symbolDiamond, symbolTriangle, symbolX, type SymbolType } from 'd3-shape';
import type { LaneSpec } from '$lib/controls/scrubber-layout';

// The scrubber's symbol size (scrubber-layout.ts), drawn here so this kind's chunk does not split
// the scrubber's module out of the chunks every other page shares.
const markerShape = (type: SymbolType): string => symbol(type, 42)() ?? '';
/** The trigger's tick, as the other kinds draw it. */
const TICK = 'M0,-4.24L0,4.24';

export const SOURCE_SINK_LANES: readonly LaneSpec[] = [
	{
		kind: 'offsets',
		style: {
			label: 'offsets/N written',
			path: TICK,
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
