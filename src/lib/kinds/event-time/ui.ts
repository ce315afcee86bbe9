// The event-time kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { KindUi } from '$lib/sim/kind-ui';
import View from './View.svelte';

export const ui: KindUi = {
	testid: 'sim-event-time',
	title: () => 'Simulation: this page’s PySpark program, run by the engine',
	View
};
