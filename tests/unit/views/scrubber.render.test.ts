/**
 * The scrubber server-rendered on a fixed engine run (basic-08 `inside-vs-beyond-delay`, seed 1,
 * cursor at the batch that reads the scripted late rows): one marker per entry of
 * `markersOf(run)`, in its kind's lane, at its processing time, naming the Spark rule that fired;
 * the range sits at the playback cursor.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { MARKER_KINDS, markersOf } from '$sim/kinds/event-time/markers';
import Scrubber from '$lib/controls/Scrubber.svelte';
import { Playback } from '$lib/sim/playback.svelte';
import { LATE_ROWS, TWO_STREAMS, type EtFixture } from './fixtures/engine-runs';
import { findAll, hasClass, normalise, one, parseMarkup } from './fixtures/markup';

function draw(f: EtFixture) {
	const playback = new Playback(() => ({ endMs: f.run.endMs, nextStop: () => undefined }));
	playback.seek(f.cursorMs);
	return render(Scrubber, { props: { playback, markers: markersOf(f.run), endMs: f.run.endMs } })
		.body;
}

describe('Scrubber (server-rendered)', () => {
	it(`${LATE_ROWS.slug} ${LATE_ROWS.preset}, seed 1, end of batch ${LATE_ROWS.batchId}: snapshot`, async () => {
		await expect(normalise(draw(LATE_ROWS))).toMatchFileSnapshot(
			'./__snapshots__/scrubber-late-rows.html.txt'
		);
	});

	for (const f of [LATE_ROWS, TWO_STREAMS]) {
		describe(`${f.slug} ${f.preset}`, () => {
			const root = parseMarkup(draw(f));
			const markers = markersOf(f.run);

			it('has one marker per markersOf(run) entry, in its kind’s lane, at its time, with its rule text', () => {
				const buttons = findAll(root, (e) => e.tag === 'button' && hasClass(e, 'marker'));
				expect(buttons).toHaveLength(markers.length);
				for (const kind of MARKER_KINDS) {
					const lane = findAll(root, (e) => e.attrs['data-testid'] === `scrub-marker-${kind}`);
					const mine = markers.filter((m) => m.kind === kind);
					expect(lane.map((b) => Number(b.attrs['data-at']))).toEqual(mine.map((m) => m.atMs));
					expect(lane.map((b) => b.attrs['aria-label'])).toEqual(
						mine.map((m) => `${m.label}. ${m.rule}`)
					);
					lane.forEach((b, i) => {
						const left = Number(/left: ([\d.]+)%/.exec(b.attrs['style'] ?? '')?.[1]);
						expect(left).toBeCloseTo((mine[i]!.atMs / f.run.endMs) * 100, 6);
					});
				}
			});

			it('lists the lanes in the order one trigger produces them', () => {
				const lanes = findAll(root, (e) => e.attrs['role'] === 'toolbar').map(
					(e) => e.attrs['aria-label']
				);
				expect(lanes.length).toBe(MARKER_KINDS.length);
				expect(lanes.every((l) => l?.endsWith(' markers'))).toBe(true);
			});

			it('puts the range at the playback cursor', () => {
				const range = one(root, 'scrub-range');
				expect(Number(range.attrs['value'])).toBe(f.cursorMs);
				expect(Number(range.attrs['max'])).toBe(f.run.endMs);
			});
		});
	}

	it('the late-rows run has one dropped marker, at the end of the batch that dropped the scripted row', () => {
		const dropped = findAll(
			parseMarkup(draw(LATE_ROWS)),
			(e) => e.attrs['data-testid'] === 'scrub-marker-dropped'
		);
		const batch = LATE_ROWS.run.batches.find((b) => b.batchId === LATE_ROWS.batchId)!;
		expect(dropped.map((b) => Number(b.attrs['data-at']))).toEqual([batch.endMs]);
		expect(dropped[0]!.attrs['aria-label']).toContain(
			`numRowsDroppedByWatermark = ${batch.numRowsDroppedByWatermark}`
		);
	});
});
