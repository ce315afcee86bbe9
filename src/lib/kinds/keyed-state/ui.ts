// The keyed-state kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { KsRun } from '$sim/kinds/keyed-state';
import type { KindUi } from '$lib/sim/kind-ui';
import { KEYED_STATE_LANES } from './lanes';
import View from './View.svelte';

export const ui: KindUi = {
	testid: 'sim-keyed-state',
	title: () => 'Simulation: this page’s program and its state, key by key',
	// Only the lanes this run can fill: no timeout lane for built-in state, no failure lane
	// for a query that did not fail.
	lanes: (ctl) => {
		const run = ctl.run as KsRun | null;
		return KEYED_STATE_LANES.filter(
			(l) =>
				(l.kind !== 'timeout' || (run?.timeout ?? 'NoTimeout') !== 'NoTimeout') &&
				(l.kind !== 'failure' || run?.failure != null)
		);
	},
	View
};
