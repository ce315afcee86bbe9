/**
 * Geometry of the scrubber: one lane per marker kind (in the order one trigger produces them,
 * so the lane labels double as the legend), each marker a d3 symbol placed by processing time
 * as a percentage of the track, so the drawing needs no measured width and prerenders as is.
 * The lanes default to the event-time markers (markers.ts); another simulation passes its own.
 */
import { scaleLinear } from 'd3-scale';
import {
	symbol,
	symbolCircle,
	symbolDiamond,
	symbolSquare,
	symbolTriangle,
	symbolX,
	type SymbolType
} from 'd3-shape';
import type { MarkerKind } from '$sim/kinds/event-time';

export interface KindStyle {
	readonly label: string;
	/** A d3 symbol path centred on (0, 0). */
	readonly path: string;
	readonly colour: string;
	/** Drawn as an outline (stroke only) rather than filled. */
	readonly hollow: boolean;
}

/** What the scrubber draws of a marker: any simulation's markers have this shape. */
export interface ScrubMarker {
	/** Unique in the run. */
	readonly id: string;
	readonly atMs: number;
	/** The lane it sits in. */
	readonly kind: string;
	readonly label: string;
	/** The Spark rule that fired. */
	readonly rule: string;
}

/** One lane: a kind of marker and how it looks. */
export interface LaneSpec {
	readonly kind: string;
	readonly style: KindStyle;
}

const SIZE = 42; // square px of a symbol: readable on a projector, small enough for 30 batches

/** A bar is not among d3's symbols: the trigger is the tick on the clock. */
export const symbolTick: SymbolType = {
	draw(ctx, size) {
		const h = Math.sqrt(size) / 2 + 1;
		ctx.moveTo(0, -h);
		ctx.lineTo(0, h);
	}
};

/** A d3 symbol's path at the scrubber's marker size. */
export const markerShape = (type: SymbolType): string => symbol(type, SIZE)() ?? '';
const shape = markerShape;

export const KIND_STYLES: Readonly<Record<MarkerKind, KindStyle>> = {
	trigger: { label: 'trigger', path: shape(symbolTick), colour: 'var(--fg-muted)', hollow: true },
	offsets: {
		label: 'offsets logged',
		path: shape(symbolSquare),
		colour: 'var(--c-blue)',
		hollow: false
	},
	dropped: {
		label: 'row dropped late',
		path: shape(symbolX),
		colour: 'var(--c-vermillion)',
		hollow: true
	},
	emitted: {
		label: 'window emitted',
		path: shape(symbolCircle),
		colour: 'var(--c-green)',
		hollow: false
	},
	evicted: {
		label: 'state evicted',
		path: shape(symbolDiamond),
		colour: 'var(--c-orange)',
		hollow: true
	},
	watermark: {
		label: 'watermark advanced',
		path: shape(symbolTriangle),
		colour: 'var(--c-purple)',
		hollow: false
	},
	commit: { label: 'commit', path: shape(symbolDiamond), colour: 'var(--c-sky)', hollow: false }
};

/** The event-time pages' lanes (markers.ts), in the order one trigger produces them. */
export const EVENT_TIME_LANES: readonly LaneSpec[] = (Object.keys(KIND_STYLES) as MarkerKind[]).map(
	(kind) => ({
		kind,
		style: KIND_STYLES[kind]
	})
);

export interface PlacedMarker {
	readonly marker: ScrubMarker;
	/** Percent of the track, 0–100. */
	readonly x: number;
}

export interface ScrubLane {
	readonly kind: string;
	readonly style: KindStyle;
	readonly markers: readonly PlacedMarker[];
}

export interface ScrubberLayout {
	readonly lanes: readonly ScrubLane[];
	readonly ticks: readonly { readonly x: number; readonly label: string }[];
}

export function scrubberLayout(
	markers: readonly ScrubMarker[],
	endMs: number,
	specs: readonly LaneSpec[] = EVENT_TIME_LANES
): ScrubberLayout {
	const x = scaleLinear()
		.domain([0, Math.max(1, endMs)])
		.range([0, 100])
		.clamp(true);
	const lanes = specs.map(({ kind, style }) => ({
		kind,
		style,
		markers: markers.filter((m) => m.kind === kind).map((marker) => ({ marker, x: x(marker.atMs) }))
	}));
	const ticks = x.ticks(6).map((t) => ({ x: x(t), label: `${t / 1000} s` }));
	return { lanes, ticks };
}

/** Percent position of the cursor at `t`. */
export const cursorX = (t: number, endMs: number) =>
	Math.max(0, Math.min(100, (t / Math.max(1, endMs)) * 100));
