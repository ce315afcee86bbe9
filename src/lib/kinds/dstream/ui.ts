// The DStream kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { KindUi } from '$lib/sim/kind-ui';
import { DSTREAM_LANES } from './lanes';
import View from './View.svelte';

export const ui: KindUi = {
	testid: 'sim-dstream',
	title: () => 'Simulation: this page’s DStream program, run batch by batch',
	lanes: () => DSTREAM_LANES,
	View
};
