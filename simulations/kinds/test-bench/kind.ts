/**
 * Test bench (advanced-12): the page's pytest module run the way pytest would, its query on the
 * engine step by step (add a file, processAllAvailable, assert on the memory table, restart),
 * with pass or fail per step.
 */
import type { SimulationKind } from '../kind';
import { codeFocusAt } from './code-focus';
import { describeFrame } from './describe';
import { frameAt, type BenchFrame, type BenchRun } from './frames';
import { markersOf } from './markers';
import { testBenchParamsOf } from './params';
import { predictionsOf } from './predict';
import type { TestBenchQuestion } from './question';

export const testBenchKind: SimulationKind<TestBenchQuestion, BenchRun, BenchFrame> = {
	id: 'test-bench',
	engine: () => import('./engine').then((m) => m.testBenchEngine),
	rejection: () => null,
	paramsOf: (question, code, _run, params) => testBenchParamsOf(question, code, params),
	frameAt,
	endMs: (run) => run.endMs,
	stops: (run) => run.steps.map((s, i) => ({ id: i, endMs: s.atMs })),
	openingStop: 0,
	markers: markersOf,
	codeFocus: codeFocusAt,
	describe: describeFrame,
	features: { predictions: predictionsOf }
};
