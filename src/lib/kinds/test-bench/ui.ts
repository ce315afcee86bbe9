// The test-bench kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { KindUi } from '$lib/sim/kind-ui';
import { TEST_BENCH_LANES } from './lanes';
import View from './View.svelte';

export const ui: KindUi = {
	testid: 'sim-test-bench',
	title: () => 'Simulation: this page’s pytest module run step by step on the engine',
	lanes: () => TEST_BENCH_LANES,
	View
};
