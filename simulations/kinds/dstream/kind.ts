/**
 * DStreams (SIM-2, legacy Spark Streaming): the page's DStream program run by the DStream engine
 * over simulated socket lines, batch interval by batch interval, on a simulated cluster (block
 * interval, receivers, cores). A question may run its Structured Streaming version beside it on
 * the same lines (`companion`, basic-03).
 */
import type { Companion, SimulationKind } from '../kind';
import { dstreamCodeFocusAt } from './code-focus';
import { describeFrame } from './describe';
import { predictionsOf } from './predict';
import { diffDStreamOutputs } from './compare';
import { frameAt, type DsFrame, type DsRun } from './frames';
import { dstreamMarkersOf } from './markers';
import { dstreamParamsOf } from './params';
import type { DStreamScenario } from './question';
import type { SsRun } from './structured-socket';

export const dstreamKind: SimulationKind<DStreamScenario, DsRun, DsFrame> = {
	id: 'dstream',
	engine: () => import('./engine').then((m) => m.dstreamEngine),
	rejection: () => null,
	paramsOf: (question, code, _run, params) => dstreamParamsOf(question, code, params),
	frameAt,
	endMs: (run) => run.endMs,
	// A DStream batch has no id in Spark, only its time: `batch=N` counts the run's batches from 0.
	stops: (run) => run.batches.map((b, i) => ({ id: i, endMs: b.endMs })),
	openingStop: 4,
	markers: dstreamMarkersOf,
	codeFocus: dstreamCodeFocusAt,
	describe: describeFrame,
	features: { compare: { diff: diffDStreamOutputs }, predictions: predictionsOf }
};

/** The question's Structured Streaming program run over the same socket lines (basic-03). */
export function structuredCompanion(
	question: DStreamScenario,
	programId: string
): Companion<SsRun> | undefined {
	const template = question.structuredProgram?.();
	if (template === undefined) return undefined;
	return {
		programId,
		template,
		engine: () => import('./engine').then((m) => m.structuredOverSocket(question))
	};
}
