// The micro-batch kind's UI for the shared panel (src/lib/sim/SimPanel.svelte).
import type { MicroBatchRun } from '$sim/kinds/micro-batch';
import type { AnyController, KindUi } from '$lib/sim/kind-ui';
import {
	CONTINUOUS_LANES,
	MICRO_BATCH_LANES
} from '$lib/views/micro-batch-timeline/scrubber-lanes';
import View from './View.svelte';

const continuous = (ctl: AnyController) => (ctl.run as MicroBatchRun | null)?.kind === 'continuous';

export const ui: KindUi = {
	testid: 'sim-micro-batch',
	title: (ctl) =>
		`Simulation: this page’s PySpark program, ${(ctl.run as MicroBatchRun | null)?.trigger.kind === 'continuous' ? 'in continuous processing' : 'in micro-batches'}`,
	lanes: (ctl) => (continuous(ctl) ? CONTINUOUS_LANES : MICRO_BATCH_LANES),
	unit: (ctl) => (continuous(ctl) ? 'epoch' : 'batch'),
	programErrorTestId: 'sim-program-error',
	View
};
