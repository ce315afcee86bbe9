/**
 * The scrubber's lanes for SIM-1 (simulations/kinds/micro-batch/markers.ts): trigger, offsets
 * logged, sink received, commit as on the event-time pages, plus idle triggers and the "falling
 * behind" warning. A continuous run (continuous-markers.ts) has its own: epoch started, offsets
 * logged, epoch committed, task failure, restart.
 */
import { symbolCircle, symbolTriangle, symbolX } from 'd3-shape';
import { CONTINUOUS_MARKER_KINDS, type ContinuousMarkerKind } from '$sim/kinds/micro-batch';
import { MICRO_BATCH_MARKER_KINDS, type MicroBatchMarkerKind } from '$sim/kinds/micro-batch';
import {
	KIND_STYLES,
	markerShape,
	symbolTick,
	type KindStyle,
	type LaneSpec
} from '$lib/controls/scrubber-layout';

const STYLES: Readonly<Record<MicroBatchMarkerKind, KindStyle>> = {
	trigger: KIND_STYLES.trigger,
	offsets: KIND_STYLES.offsets,
	emitted: {
		label: 'sink received rows',
		path: markerShape(symbolCircle),
		colour: 'var(--c-green)',
		hollow: false
	},
	commit: KIND_STYLES.commit,
	idle: {
		label: 'idle trigger',
		path: markerShape(symbolTick),
		colour: 'var(--fg-muted)',
		hollow: true
	},
	behind: {
		label: 'falling behind',
		path: markerShape(symbolX),
		colour: 'var(--c-vermillion)',
		hollow: true
	}
};

export const MICRO_BATCH_LANES: readonly LaneSpec[] = MICRO_BATCH_MARKER_KINDS.map((kind) => ({
	kind,
	style: STYLES[kind]
}));

const CONTINUOUS_STYLES: Readonly<Record<ContinuousMarkerKind, KindStyle>> = {
	epoch: { ...KIND_STYLES.trigger, label: 'epoch started' },
	offsets: KIND_STYLES.offsets,
	commit: { ...KIND_STYLES.commit, label: 'epoch committed' },
	failure: {
		label: 'task failure',
		path: markerShape(symbolX),
		colour: 'var(--c-vermillion)',
		hollow: true
	},
	restart: {
		label: 'restart',
		path: markerShape(symbolTriangle),
		colour: 'var(--c-orange)',
		hollow: false
	}
};

export const CONTINUOUS_LANES: readonly LaneSpec[] = CONTINUOUS_MARKER_KINDS.map((kind) => ({
	kind,
	style: CONTINUOUS_STYLES[kind]
}));
