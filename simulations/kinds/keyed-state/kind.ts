/**
 * Keyed state (basic-07, advanced-08): the page's program run over a simulated Kafka topic on the
 * one micro-batch loop, its state store drawn per key, and every call of the program's own state
 * function (applyInPandasWithState) with its rows, state before and after, and timeouts.
 */
import type { SimulationKind } from '../kind';
import { codeFocusAt } from './code-focus';
import { describeFrame } from './describe';
import { frameAt, type KsFrame, type KsRun } from './frames';
import { markersOf } from './markers';
import { keyedStateParamsOf } from './params';
import { predictionsOf } from './predict';
import type { KeyedStateQuestion } from './question';

export const keyedStateKind: SimulationKind<KeyedStateQuestion, KsRun, KsFrame> = {
	id: 'keyed-state',
	engine: () => import('./engine').then((m) => m.keyedStateEngine),
	rejection: () => null,
	paramsOf: (question, code, _run, params) => keyedStateParamsOf(question, code, params),
	frameAt,
	endMs: (run) => run.endMs,
	stops: (run) => run.batches.map((b, i) => ({ id: i, endMs: b.triggerMs })),
	// Five batches in: keys in state with their deadlines, the first timeout a few seconds away.
	openingStop: 5,
	markers: markersOf,
	codeFocus: codeFocusAt,
	describe: describeFrame,
	features: { predictions: predictionsOf }
};
