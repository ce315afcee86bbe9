// The custom-protocol kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { KindUi } from '$lib/sim/kind-ui';
import { CUSTOM_PROTOCOL_LANES } from './lanes';
import View from './View.svelte';

export const ui: KindUi = {
	testid: 'sim-custom-protocol',
	title: () => 'Simulation: this page’s data source and writer, called by Spark batch by batch',
	lanes: () => CUSTOM_PROTOCOL_LANES,
	View
};
