/**
 * The shared panel with the DStream view, server-rendered as a page would mount it (the prerendered first frame): basic-03
 * with its Structured Streaming toggle, and basic-02's DStream tab, which has none (the page's
 * Structured side is SIM-1). Both show the DStream lanes of the scrubber, one marker per
 * `dstreamMarkersOf(run)` entry, and the transport with step back and Copy link.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { dstreamMarkersOf, type DsRun } from '$sim/kinds/dstream';
import { basic02DStreams } from '$sim/questions/basic-02-pyspark-streaming-support/dstream';
import { basic03DStreams } from '$sim/questions/basic-03-dstreams/question';
import SimPanel from '$lib/sim/SimPanel.svelte';
import { ui } from '$lib/kinds/dstream/ui';
import { controllerOf } from './controllers';

function draw(slug: string) {
	const ctl = controllerOf(slug === basic03DStreams.slug ? basic03DStreams : basic02DStreams);
	return {
		body: render(SimPanel, { props: { ctl, ui } }).body,
		session: { run: ctl.run as DsRun | null }
	};
}

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('SimPanel on a DStream page (server-rendered)', () => {
	for (const slug of ['basic-03-dstreams', 'basic-02-pyspark-streaming-support']) {
		it(`${slug}: transport with step back and Copy link, and one scrubber marker per engine event`, () => {
			const { body, session } = draw(slug);
			for (const id of ['sim-step-back', 'sim-step', 'sim-share', 'sim-scrubber']) {
				expect(body).toContain(`data-testid="${id}"`);
			}
			const markers = dstreamMarkersOf(session.run!);
			for (const kind of ['block', 'batch', 'output']) {
				const n = markers.filter((m) => m.kind === kind).length;
				expect(n).toBeGreaterThan(0);
				expect(count(body, `data-testid="scrub-marker-${kind}"`)).toBe(n);
			}
		});
	}

	it('only basic-03 offers the Structured Streaming version beside it', () => {
		expect(draw('basic-03-dstreams').body).toContain('data-testid="sim-structured-toggle"');
		expect(draw('basic-02-pyspark-streaming-support').body).not.toContain('sim-structured-toggle');
	});

	it('basic-02’s DStream presets are its own', () => {
		const { body } = draw('basic-02-pyspark-streaming-support');
		for (const id of ['dstream-per-batch', 'running-totals', 'totals-no-checkpoint']) {
			expect(body).toContain(`data-testid="preset-${id}"`);
		}
	});
});
