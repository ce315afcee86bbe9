// The schema-evolution kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { KindUi } from '$lib/sim/kind-ui';
import { SCHEMA_EVOLUTION_LANES } from './lanes';
import View from './View.svelte';

export const ui: KindUi = {
	testid: 'sim-schema-evolution',
	title: () => 'Simulation: this page’s program parsing a producer that changes what it sends',
	lanes: () => SCHEMA_EVOLUTION_LANES,
	View
};
