/**
 * The scrubber's lanes for a fault-tolerance run (simulations/kinds/fault-tolerance/markers.ts):
 * each batch, a re-run after the restart, the failure, the restart, a state snapshot.
 */
import { symbol, symbolDiamond, symbolTriangle, symbolX, type SymbolType } from 'd3-shape';
import type { LaneSpec } from '$lib/controls/scrubber-layout';

// The scrubber's symbol size (scrubber-layout.ts), drawn here so this kind's chunk does not split
// the scrubber's module out of the chunks every other page shares.
const markerShape = (type: SymbolType): string => symbol(type, 42)() ?? '';
/** The trigger's tick, as the other kinds draw it. */
const TICK = 'M0,-4.24L0,4.24';

export const FAULT_TOLERANCE_LANES: readonly LaneSpec[] = [
	{
		kind: 'batch',
		style: {
			label: 'batch (offsets/N written)',
			path: TICK,
			colour: 'var(--fg-muted)',
			hollow: true
		}
	},
	{
		kind: 'replay',
		style: {
			label: 'batch re-run, same offsets',
			path: TICK,
			colour: 'var(--c-blue)',
			hollow: false
		}
	},
	{
		kind: 'crash',
		style: {
			label: 'failure',
			path: markerShape(symbolX),
			colour: 'var(--c-vermillion)',
			hollow: true
		}
	},
	{
		kind: 'restart',
		style: {
			label: 'driver restarted from the checkpoint',
			path: markerShape(symbolTriangle),
			colour: 'var(--c-blue)',
			hollow: false
		}
	},
	{
		kind: 'snapshot',
		style: {
			label: 'state snapshot written',
			path: markerShape(symbolDiamond),
			colour: 'var(--c-purple)',
			hollow: true
		}
	}
];
