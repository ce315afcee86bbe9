/** The custom-protocol kind's engine (kind.ts loads it lazily): the page's program over the question's
 *  simulated input. */
import type { KindEngine } from '../kind';
import type { CpRun } from './frames';
import type { CustomProtocolQuestion } from './question';
import { runCustomProtocol } from './run';

export const customProtocolEngine: KindEngine<CustomProtocolQuestion, CpRun> = {
	run: (question, { code, params, seed }) =>
		runCustomProtocol(code, question.world(question.constrain(params).params), seed)
};
