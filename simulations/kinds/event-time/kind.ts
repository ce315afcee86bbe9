/**
 * Event time (SIM-3, SIM-4): the page's program run by the Structured Streaming engine over
 * simulated Kafka topics whose records carry their own event time; windows, the watermark, late
 * rows, state and stream-stream joins. Declares Compare (the sinks' rows diffed per trigger tick)
 * and input edits (the reader adds, nudges, rekeys and deletes records).
 */
import type { SimulationKind } from '../kind';
import { codeFocusAt } from './code-focus';
import { diffSinks } from '../sink-diff';
import { describeFrame } from './describe';
import { predictionsOf } from './predict';
import { frameAt, type EtFrame, type EtRun } from './frames';
import { markersOf } from './markers';
import { eventTimeParamsOf } from './params';
import type { EventTimeScenario } from './question';

export const eventTimeKind: SimulationKind<EventTimeScenario, EtRun, EtFrame> = {
	id: 'event-time',
	engine: () => import('./engine').then((m) => m.eventTimeEngine),
	rejection: () => null,
	paramsOf: (question, code, _run, params) => eventTimeParamsOf(question, code, params),
	frameAt,
	endMs: (run) => run.endMs,
	stops: (run) => run.batches.map((b) => ({ id: b.batchId, endMs: b.endMs })),
	openingStop: 8,
	markers: markersOf,
	codeFocus: codeFocusAt,
	describe: describeFrame,
	features: {
		compare: { diff: diffSinks },
		predictions: predictionsOf,
		inputEdits: true
	}
};
