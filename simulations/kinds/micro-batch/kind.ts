/**
 * Micro-batches (SIM-1): the page's program read by the Structured Streaming engine for its
 * source, trigger and output mode, timed by the micro-batch loop on a simulated cluster, each
 * batch's rows run through the user's query. Under `.trigger(continuous=...)` the same program
 * runs in continuous processing instead (epochs, not batches), with an injectable task failure.
 */
import type { SimulationKind } from '../kind';
import { continuousFocusAt } from './continuous-code-focus';
import { continuousMarkers } from './continuous-markers';
import { microBatchFocusAt } from './code-focus';
import { describeFrame } from './describe';
import { predictionsOf } from './predict';
import { diffMicroBatchSinks } from './compare';
import { frameAt, stopsOf, type MicroBatchFrame } from './frames';
import { microBatchMarkers } from './markers';
import { microBatchParamsOf } from './params';
import type { MicroBatchScenario } from './question';
import type { MicroBatchRun } from './run';

export const microBatchKind: SimulationKind<MicroBatchScenario, MicroBatchRun, MicroBatchFrame> = {
	id: 'micro-batch',
	engine: () => import('./engine').then((m) => m.microBatchEngine),
	rejection: (run) => run.rejection,
	paramsOf: microBatchParamsOf,
	frameAt,
	endMs: (run) => run.trace.endMs,
	stops: stopsOf,
	openingStop: 3,
	markers: (run) =>
		run.kind === 'continuous' ? continuousMarkers(run.trace) : microBatchMarkers(run.trace),
	codeFocus: (run, t) =>
		run.kind === 'continuous'
			? continuousFocusAt(run.trace, run.spans, t)
			: microBatchFocusAt(run.trace, run.spans, t),
	describe: describeFrame,
	features: {
		compare: { diff: diffMicroBatchSinks },
		failureInjection: true,
		predictions: predictionsOf
	}
};
