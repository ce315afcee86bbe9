import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { microBatchScenario } from '../../../simulations/kinds/micro-batch/questions';
import { defaultParams } from '../../../simulations/core/params';
import MicroBatchTimeline from '../../../src/lib/views/micro-batch-timeline/MicroBatchTimeline.svelte';
import { normalise } from './fixtures/markup';
import { buildTrace } from '../../../simulations/kinds/micro-batch/engine';

describe('MicroBatchTimeline (server-rendered SVG)', () => {
	it('basic-11 overrun preset at 14 s, seed 1', async () => {
		const s = microBatchScenario('basic-11-micro-batches')!;
		const preset = s.presets.find((p) => p.id === 'overrun')!;
		const trace = buildTrace(s, { ...defaultParams(s.schema), ...preset.params }, 1);
		const { body } = render(MicroBatchTimeline, { props: { trace, now: 14_000, width: 960 } });
		await expect(normalise(body)).toMatchFileSnapshot(
			'./__snapshots__/micro-batch-timeline-overrun.svg.txt'
		);
	});

	// A thousand rows above are painted on the canvas layer; a few rows stay SVG circles.
	it('basic-11 at 5 rows/s at 14 s, seed 1 (row dots as SVG circles)', async () => {
		const s = microBatchScenario('basic-11-micro-batches')!;
		const trace = buildTrace(s, { ...defaultParams(s.schema), eventRate: 5 }, 1);
		const { body } = render(MicroBatchTimeline, { props: { trace, now: 14_000, width: 960 } });
		expect(body).not.toContain('<canvas');
		await expect(normalise(body)).toMatchFileSnapshot(
			'./__snapshots__/micro-batch-timeline-sparse.svg.txt'
		);
	});
});
