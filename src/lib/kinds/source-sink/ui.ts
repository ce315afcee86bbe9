// The sources-and-sinks kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { KindUi } from '$lib/sim/kind-ui';
import { SOURCE_SINK_LANES } from './lanes';
import View from './View.svelte';

export const ui: KindUi = {
	testid: 'sim-source-sink',
	title: () => 'Simulation: this page’s program reading a simulated Kafka topic',
	lanes: () => SOURCE_SINK_LANES,
	View
};
