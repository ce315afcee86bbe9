/**
 * The scrubber's lanes for a test-bench run (simulations/kinds/test-bench/markers.ts): the
 * test's input files, its processAllAvailable calls, its asserts (passed or failed), and the
 * query starting and stopping.
 */
import { symbol, symbolCircle, symbolTriangle, symbolX, type SymbolType } from 'd3-shape';
import type { LaneSpec } from '$lib/controls/scrubber-layout';

// The scrubber's symbol size (scrubber-layout.ts), drawn here so this kind's chunk does not split
// the scrubber's module out of the chunks every other page shares.
const markerShape = (type: SymbolType): string => symbol(type, 42)() ?? '';
const TICK = 'M0,-4.24L0,4.24';

export const TEST_BENCH_LANES: readonly LaneSpec[] = [
	{
		kind: 'addData',
		style: {
			label: 'file added',
			path: markerShape(symbolTriangle),
			colour: 'var(--c-blue)',
			hollow: false
		}
	},
	{
		kind: 'process',
		style: { label: 'processAllAvailable', path: TICK, colour: 'var(--fg-muted)', hollow: true }
	},
	{
		kind: 'pass',
		style: {
			label: 'assert passed',
			path: markerShape(symbolCircle),
			colour: 'var(--c-green)',
			hollow: false
		}
	},
	{
		kind: 'fail',
		style: {
			label: 'failed',
			path: markerShape(symbolX),
			colour: 'var(--c-vermillion)',
			hollow: true
		}
	},
	{
		kind: 'query',
		style: { label: 'query started / stopped', path: TICK, colour: 'var(--c-purple)', hollow: true }
	}
];
