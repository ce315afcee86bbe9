/** advanced-06-dynamic-scaling: core dynamic allocation (its Structured Streaming program) and,
 *  behind the API switch, DStreams' streaming dynamic allocation, on the cluster kind. */
import type { QuestionModule } from '../../kinds/kind';
import { clusterKind } from '../../kinds/cluster/kind';
import { advanced06DStream, advanced06Structured } from './question';

export const question: QuestionModule = {
	slug: 'advanced-06-dynamic-scaling',
	simulations: [
		{ question: advanced06Structured, kind: clusterKind },
		{ question: advanced06DStream, kind: clusterKind }
	]
};
