// The fault-tolerance kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { KindUi } from '$lib/sim/kind-ui';
import { FAULT_TOLERANCE_LANES } from './lanes';
import View from './View.svelte';

export const ui: KindUi = {
	testid: 'sim-fault-tolerance',
	title: () => 'Simulation: this page’s program, its checkpoint, and a failure',
	lanes: () => FAULT_TOLERANCE_LANES,
	View
};
