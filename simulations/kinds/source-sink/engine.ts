/** The sources-and-sinks kind's engine (kind.ts loads it lazily): the page's program over the
 *  question's simulated world (a Kafka topic, or whichever source the program reads). */
import type { KindEngine } from '../kind';
import type { SsRun } from './frames';
import type { SourceSinkQuestion } from './question';
import { runSourceSink } from './run';

export const sourceSinkEngine: KindEngine<SourceSinkQuestion, SsRun> = {
	run: (question, { code, params, seed }) =>
		runSourceSink(code, question.world(question.constrain(params).params), seed)
};
