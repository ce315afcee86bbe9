/** The sources-and-sinks kind's engine (kind.ts loads it lazily): the page's program over the
 *  question's simulated topic. */
import type { KindEngine } from '../kind';
import type { SsRun } from './frames';
import type { SourceSinkQuestion } from './question';
import { runSourceSink } from './run';
import { runSources } from './run-sources';

export const sourceSinkEngine: KindEngine<SourceSinkQuestion, SsRun> = {
	run: (question, { code, params, seed }) => {
		const world = question.world(question.constrain(params).params);
		return 'sources' in world ? runSources(code, world, seed) : runSourceSink(code, world, seed);
	}
};
