// The sources-and-sinks kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { KindUi } from '$lib/sim/kind-ui';
import type { SsRun } from '$sim/kinds/source-sink';
import { SOURCE_SINK_LANES } from './lanes';
import View from './View.svelte';

export const ui: KindUi = {
	testid: 'sim-source-sink',
	title: (ctl) =>
		(ctl.run as SsRun | null)?.source
			? 'Simulation: this page’s program reading a simulated source'
			: 'Simulation: this page’s program reading a simulated Kafka topic',
	// Offsets always; the other lanes only when this run has such events (no empty retention or
	// data-loss lane on a page without retention).
	lanes: (ctl) =>
		SOURCE_SINK_LANES.filter(
			(l) => l.kind === 'offsets' || ctl.markers.some((m) => m.kind === l.kind)
		),
	View
};
