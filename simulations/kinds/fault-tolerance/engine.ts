/** The fault-tolerance kind's engine (kind.ts loads it lazily): the page's program over the question's
 *  simulated topic. */
import type { KindEngine } from '../kind';
import type { FtRun } from './frames';
import type { FaultToleranceQuestion } from './question';
import { runComparedWithFailureFree } from './failure-free';

export const faultToleranceEngine: KindEngine<FaultToleranceQuestion, FtRun> = {
	run: (question, { code, params, seed }) =>
		runComparedWithFailureFree(code, question.world(question.constrain(params).params), seed)
};
