/**
 * The scrubber's lanes for a keyed-state run (simulations/kinds/keyed-state/markers.ts): batches
 * with data, batches run only to check timeouts, keys timing out, the query failing.
 */
import { symbol, symbolX, type SymbolType } from 'd3-shape';
import type { LaneSpec } from '$lib/controls/scrubber-layout';

// The scrubber's symbol size (scrubber-layout.ts), drawn here so this kind's chunk does not split
// the scrubber's module out of the chunks every other page shares.
const markerShape = (type: SymbolType): string => symbol(type, 42)() ?? '';
const TICK = 'M0,-4.24L0,4.24';

export const KEYED_STATE_LANES: readonly LaneSpec[] = [
	{
		kind: 'batch',
		style: { label: 'batch with rows', path: TICK, colour: 'var(--c-blue)', hollow: true }
	},
	{
		kind: 'noData',
		style: { label: 'batch with no data', path: TICK, colour: 'var(--fg-muted)', hollow: true }
	},
	{
		kind: 'timeout',
		style: {
			label: 'called with hasTimedOut',
			path: markerShape(symbolX),
			colour: 'var(--c-vermillion)',
			hollow: true
		}
	},
	{
		kind: 'failure',
		style: {
			label: 'query failed',
			path: markerShape(symbolX),
			colour: 'var(--fg)',
			hollow: true
		}
	}
];
