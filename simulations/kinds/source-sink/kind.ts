/**
 * Sources and sinks (basic-04 sources, basic-09 Kafka, basic-10 sinks): the page's program run
 * on the one micro-batch loop over the question's world (run.ts): a simulated topic, or
 * whichever source its readStream.format names, with each source's offsets and read limits and
 * the program's sink.
 */
import type { SimulationKind } from '../kind';
import { codeFocusAt } from './code-focus';
import { describeFrame } from './describe';
import { frameAt, type SsFrame, type SsRun } from './frames';
import { markersOf } from './markers';
import { sourceSinkParamsOf } from './params';
import { predictionsOf } from './predict';
import type { SourceSinkQuestion } from './question';

export const sourceSinkKind: SimulationKind<SourceSinkQuestion, SsRun, SsFrame> = {
	id: 'source-sink',
	engine: () => import('./engine').then((m) => m.sourceSinkEngine),
	rejection: () => null,
	paramsOf: (question, code, _run, params) => sourceSinkParamsOf(question, code, params),
	frameAt,
	endMs: (run) => run.endMs,
	stops: (run) => run.batches.map((b, i) => ({ id: i, endMs: b.triggerMs })),
	openingStop: 3,
	markers: markersOf,
	codeFocus: codeFocusAt,
	describe: describeFrame,
	// Compare: the same topic and producer under the program with one setting changed (an output
	// mode, a sink, startingOffsets, maxOffsetsPerTrigger), side by side.
	features: { compare: {}, predictions: predictionsOf }
};
