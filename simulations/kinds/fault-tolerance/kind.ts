/**
 * Checkpoints, failures and replay (SIM-5; basic-06): the page's program reading a simulated
 * Kafka topic on the one micro-batch loop, a failure injected at a batch and a phase of the
 * driver's loop, the restart from the checkpoint, and the checkpoint's files as they are written.
 */
import type { SimulationKind } from '../kind';
import { codeFocusAt } from './code-focus';
import { describeFrame } from './describe';
import { frameAt, type FtFrame, type FtRun } from './frames';
import { markersOf } from './markers';
import { faultToleranceParamsOf } from './params';
import { predictionsOf } from './predict';
import type { FaultToleranceQuestion } from './question';

export const faultToleranceKind: SimulationKind<FaultToleranceQuestion, FtRun, FtFrame> = {
	id: 'fault-tolerance',
	engine: () => import('./engine').then((m) => m.faultToleranceEngine),
	rejection: (run) => (run.refused === null ? null : { ...run.refusedAt, message: run.refused }),
	paramsOf: (question, code, _run, params) => faultToleranceParamsOf(question, code, params),
	frameAt,
	endMs: (run) => run.endMs,
	stops: (run) => run.batches.map((b, i) => ({ id: i, endMs: b.endMs })),
	openingStop: 3,
	markers: markersOf,
	codeFocus: codeFocusAt,
	describe: describeFrame,
	features: { compare: {}, failureInjection: true, predictions: predictionsOf }
};
