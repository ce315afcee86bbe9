/**
 * What a test-bench page supplies (advanced-12): the pytest module and its parameters. There is
 * no simulated input outside the program: the test writes its own input files and states its
 * own expectations, so the program is the whole truth of a run.
 */
import type { SimQuestion } from '../kind';

export interface TestBenchQuestion extends SimQuestion {
	readonly kind: 'test-bench';
}
