/**
 * DStreamSim server-rendered as a page would mount it (the prerendered first frame): basic-03
 * with its Structured Streaming toggle, and basic-02's DStream tab, which has none (the page's
 * Structured side is SIM-1). Both show the DStream lanes of the scrubber, one marker per
 * `dstreamMarkersOf(run)` entry, and the transport with step back and Copy link.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { dstreamMarkersOf } from '$sim/frames/dstream-markers';
import { dstreamApiScenario } from '$sim/scenarios/dstreams/index';
import { dstreamSession, structuredSession } from '$lib/binding/dstream-session.svelte';
import DStreamSim from '$lib/sims/DStreamSim.svelte';

function draw(slug: string) {
	const scenario = dstreamApiScenario(slug)!;
	const session = dstreamSession(scenario);
	const structured = scenario.structuredProgram ? structuredSession(scenario) : null;
	return { body: render(DStreamSim, { props: { scenario, session, structured } }).body, session };
}

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('DStreamSim (server-rendered)', () => {
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
