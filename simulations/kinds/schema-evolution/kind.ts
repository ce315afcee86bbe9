/**
 * Schema evolution (advanced-11): the page's program (from_json with a fixed schema, good rows
 * and dead letters as two queries) run over a simulated topic whose producer changes what it
 * sends, on the one micro-batch loop.
 */
import type { SimulationKind } from '../kind';
import { codeFocusAt } from './code-focus';
import { describeFrame } from './describe';
import { frameAt, type SeFrame, type SeRun } from './frames';
import { markersOf } from './markers';
import { schemaEvolutionParamsOf } from './params';
import { predictionsOf } from './predict';
import type { SchemaEvolutionQuestion } from './question';

export const schemaEvolutionKind: SimulationKind<SchemaEvolutionQuestion, SeRun, SeFrame> = {
	id: 'schema-evolution',
	engine: () => import('./engine').then((m) => m.schemaEvolutionEngine),
	rejection: () => null,
	paramsOf: (question, code, _run, params) => schemaEvolutionParamsOf(question, code, params),
	frameAt,
	endMs: (run) => run.endMs,
	stops: (run) => [
		...run.batches.map((b, i) => ({ id: i, endMs: b.triggerMs })),
		...(run.failure ? [{ id: run.batches.length, endMs: run.failure.atMs }] : [])
	],
	openingStop: 5,
	markers: markersOf,
	codeFocus: codeFocusAt,
	describe: describeFrame,
	features: { predictions: predictionsOf }
};
