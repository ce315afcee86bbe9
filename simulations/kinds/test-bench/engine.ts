/** The test-bench kind's engine (kind.ts loads it lazily): the page's pytest module, run test by
 *  test on the engine. */
import type { KindEngine } from '../kind';
import type { BenchRun } from './frames';
import type { TestBenchQuestion } from './question';
import { runTestBench } from './run';

export const testBenchEngine: KindEngine<TestBenchQuestion, BenchRun> = {
	run: (_question, { code }) => runTestBench(code)
};
