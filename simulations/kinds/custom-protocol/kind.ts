/**
 * Custom source/sink protocol (advanced-09): the page's program is a Python data source and
 * writer; its own classes run per batch in Spark's call order, with a crash and the replay.
 */
import type { SimulationKind } from '../kind';
import { codeFocusAt } from './code-focus';
import { describeFrame } from './describe';
import { frameAt, type CpFrame, type CpRun } from './frames';
import { markersOf } from './markers';
import { customProtocolParamsOf } from './params';
import { predictionsOf } from './predict';
import type { CustomProtocolQuestion } from './question';

export const customProtocolKind: SimulationKind<CustomProtocolQuestion, CpRun, CpFrame> = {
	id: 'custom-protocol',
	engine: () => import('./engine').then((m) => m.customProtocolEngine),
	rejection: (run) => run.failure?.error ?? null,
	paramsOf: (question, code, _run, params) => customProtocolParamsOf(question, code, params),
	frameAt,
	endMs: (run) => run.endMs,
	stops: (run) => run.batchEndMs.map((endMs, i) => ({ id: i, endMs })),
	openingStop: 2,
	markers: markersOf,
	codeFocus: codeFocusAt,
	describe: describeFrame,
	features: { compare: {}, predictions: predictionsOf }
};
