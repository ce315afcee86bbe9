/** The keyed-state kind's engine (kind.ts loads it lazily): the page's program over the question's
 *  simulated topic. */
import type { KindEngine } from '../kind';
import type { KsRun } from './frames';
import type { KeyedStateQuestion } from './question';
import { runKeyedState } from './run';

export const keyedStateEngine: KindEngine<KeyedStateQuestion, KsRun> = {
	run: (question, { code, params, seed }) =>
		runKeyedState(code, question.world(question.constrain(params).params), seed)
};
