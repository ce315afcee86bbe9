import { describe, expect, it } from 'vitest';
import { cursorX, KIND_STYLES, scrubberLayout } from '../../../src/lib/controls/scrubber-layout';
import { MARKER_KINDS, type Marker } from '../../../simulations/kinds/event-time/markers';

const marker = (kind: Marker['kind'], atMs: number, batchId: number): Marker => ({
	id: `${kind}-${batchId}`,
	atMs,
	kind,
	batchId,
	label: '',
	rule: ''
});

describe('scrubberLayout', () => {
	const markers = [
		marker('trigger', 0, 0),
		marker('watermark', 5000, 0),
		marker('trigger', 5000, 1),
		marker('commit', 10000, 1)
	];
	const layout = scrubberLayout(markers, 10000);

	it('scrubberLayout(markers, 10 s) gives one lane per kind, in the trigger loop’s order, even when empty', () => {
		expect(layout.lanes.map((l) => l.kind)).toEqual(MARKER_KINDS);
		expect(layout.lanes.find((l) => l.kind === 'dropped')?.markers).toEqual([]);
	});

	it('places each marker by processing time as a percentage of the track', () => {
		const trigger = layout.lanes.find((l) => l.kind === 'trigger');
		expect(trigger?.markers.map((p) => [p.marker.id, p.x])).toEqual([
			['trigger-0', 0],
			['trigger-1', 50]
		]);
		expect(layout.lanes.find((l) => l.kind === 'commit')?.markers[0]?.x).toBe(100);
		expect(layout.ticks.at(-1)).toEqual({ x: 100, label: '10 s' });
	});

	it('each kind has its own symbol or colour, and a path d3 drew', () => {
		const looks = MARKER_KINDS.map(
			(k) => `${KIND_STYLES[k].path}|${KIND_STYLES[k].colour}|${KIND_STYLES[k].hollow}`
		);
		expect(new Set(looks).size).toBe(MARKER_KINDS.length);
		for (const k of MARKER_KINDS) expect(KIND_STYLES[k].path).toMatch(/^M/);
	});

	it('cursorX clamps to the track', () => {
		expect(cursorX(-5, 1000)).toBe(0);
		expect(cursorX(250, 1000)).toBe(25);
		expect(cursorX(5000, 1000)).toBe(100);
	});
});
