/**
 * The scrubber's lanes for a schema-evolution run (simulations/kinds/schema-evolution/markers.ts):
 * the producer changing what it sends, each batch, the query failing.
 */
import { symbol, symbolTriangle, symbolX, type SymbolType } from 'd3-shape';
import type { LaneSpec } from '$lib/controls/scrubber-layout';

// The scrubber's symbol size (scrubber-layout.ts), drawn here so this kind's chunk does not split
// the scrubber's module out of the chunks every other page shares.
const markerShape = (type: SymbolType): string => symbol(type, 42)() ?? '';
/** The trigger's tick, as the other kinds draw it. */
const TICK = 'M0,-4.24L0,4.24';

export const SCHEMA_EVOLUTION_LANES: readonly LaneSpec[] = [
	{
		kind: 'producer',
		style: {
			label: 'producer changes version',
			path: markerShape(symbolTriangle),
			colour: 'var(--c-blue)',
			hollow: false
		}
	},
	{
		kind: 'batch',
		style: { label: 'batch parsed', path: TICK, colour: 'var(--fg-muted)', hollow: true }
	},
	{
		kind: 'failure',
		style: {
			label: 'query failed',
			path: markerShape(symbolX),
			colour: 'var(--c-vermillion)',
			hollow: true
		}
	}
];
