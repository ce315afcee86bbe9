// The keyed-state kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { KindUi } from '$lib/sim/kind-ui';
import { KEYED_STATE_LANES } from './lanes';
import View from './View.svelte';

export const ui: KindUi = {
	testid: 'sim-keyed-state',
	title: () => 'Simulation: this page’s program and its state, key by key',
	lanes: () => KEYED_STATE_LANES,
	View
};
