import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { microBatchScenario } from '../../../simulations/scenarios/micro-batches';
import { defaultParams } from '../../../simulations/scenarios/types';
import MicroBatchTimeline from '../../../src/lib/views/micro-batch-timeline/MicroBatchTimeline.svelte';

/** Committed text: numbers rounded to 3 decimals, Svelte's scoping hashes and comments removed. */
const normalise = (html: string): string =>
	html
		.replace(/<!--[^]*?-->/g, '')
		.replace(/ ?svelte-[a-z0-9]+/g, '')
		.replace(/-?\d+\.\d{4,}/g, (n) => String(Math.round(Number(n) * 1000) / 1000))
		.replace(/></g, '>\n<');

describe('MicroBatchTimeline (server-rendered SVG)', () => {
	it('basic-11 overrun preset at 14 s, seed 1', async () => {
		const s = microBatchScenario('basic-11-micro-batches')!;
		const preset = s.presets.find((p) => p.id === 'overrun')!;
		const trace = s.build({ ...defaultParams(s.schema), ...preset.params }, 1);
		const { body } = render(MicroBatchTimeline, { props: { trace, now: 14_000, width: 960 } });
		await expect(normalise(body)).toMatchFileSnapshot('./__snapshots__/micro-batch-timeline-overrun.svg.txt');
	});
});
