// The cluster kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { KindUi } from '$lib/sim/kind-ui';
import { CLUSTER_LANES } from './lanes';
import View from './View.svelte';

export const ui: KindUi = {
	testid: 'sim-cluster',
	title: (ctl) =>
		ctl.question.programId === 'main'
			? 'Simulation: this page’s program on a cluster under load, batch by batch'
			: 'Simulation: this program on a cluster under load, batch by batch',
	lanes: () => CLUSTER_LANES,
	View
};
