/**
 * The scrubber's lanes for a DStream run (SIM-2), in the order one batch produces them
 * (simulations/kinds/dstream/markers.ts): the receiver's blocks, the batch's job, its scheduling delay,
 * then what its job computed and wrote. Shapes and colours as the event-time lanes use them:
 * the clock tick for the batch, a vermillion cross for trouble (the delay), a diamond for writes.
 */
import {
	symbolCircle,
	symbolDiamond,
	symbolSquare,
	symbolStar,
	symbolTriangle,
	symbolX
} from 'd3-shape';
import { DS_MARKER_KINDS, type DsMarkerKind } from '$sim/kinds/dstream';
import {
	markerShape,
	symbolTick,
	type KindStyle,
	type LaneSpec
} from '$lib/controls/scrubber-layout';

const STYLES: Readonly<Record<DsMarkerKind, KindStyle>> = {
	block: {
		label: 'block cut',
		path: markerShape(symbolSquare),
		colour: 'var(--c-blue)',
		hollow: true
	},
	batch: {
		label: 'batch generated',
		path: markerShape(symbolTick),
		colour: 'var(--fg-muted)',
		hollow: true
	},
	delay: {
		label: 'scheduling delay',
		path: markerShape(symbolX),
		colour: 'var(--c-vermillion)',
		hollow: true
	},
	window: {
		label: 'window computed',
		path: markerShape(symbolTriangle),
		colour: 'var(--c-purple)',
		hollow: false
	},
	state: {
		label: 'state updated',
		path: markerShape(symbolStar),
		colour: 'var(--c-orange)',
		hollow: false
	},
	output: {
		label: 'output ran',
		path: markerShape(symbolCircle),
		colour: 'var(--c-green)',
		hollow: false
	},
	checkpoint: {
		label: 'checkpoint written',
		path: markerShape(symbolDiamond),
		colour: 'var(--c-sky)',
		hollow: false
	},
	driver: {
		label: 'driver died / restarted',
		path: markerShape(symbolX),
		colour: 'var(--c-vermillion)',
		hollow: false
	}
};

export const DSTREAM_LANES: readonly LaneSpec[] = DS_MARKER_KINDS.map((kind) => ({
	kind,
	style: STYLES[kind]
}));
