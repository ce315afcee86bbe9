/**
 * The scrubber's lanes for a cluster run (simulations/kinds/cluster/markers.ts): trouble (a batch
 * started late, falling behind) as the vermillion cross, rate control (the PID's rates, the cap)
 * as the orange triangle, executors asked for, arriving and released as the green square, the
 * deepest backlog as the purple diamond.
 */
import { symbolDiamond, symbolSquare, symbolTriangle, symbolX } from 'd3-shape';
import { CLUSTER_MARKER_KINDS, type ClusterMarkerKind } from '$sim/kinds/cluster';
import { markerShape, type KindStyle, type LaneSpec } from '$lib/controls/scrubber-layout';

const STYLES: Readonly<Record<ClusterMarkerKind, KindStyle>> = {
	delay: {
		label: 'batch late',
		path: markerShape(symbolX),
		colour: 'var(--c-vermillion)',
		hollow: true
	},
	rate: {
		label: 'rate control',
		path: markerShape(symbolTriangle),
		colour: 'var(--c-orange)',
		hollow: false
	},
	scaling: {
		label: 'executors',
		path: markerShape(symbolSquare),
		colour: 'var(--c-green)',
		hollow: false
	},
	backlog: {
		label: 'deepest backlog',
		path: markerShape(symbolDiamond),
		colour: 'var(--c-purple)',
		hollow: false
	}
};

export const CLUSTER_LANES: readonly LaneSpec[] = CLUSTER_MARKER_KINDS.map((kind) => ({
	kind,
	style: STYLES[kind]
}));
