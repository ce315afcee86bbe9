/** basic-13-challenges: six challenges of one pipeline, each with its one-line fix, on the
 *  cluster kind (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { clusterKind } from '../../kinds/cluster/kind';
import { basic13Challenges } from './question';

export const question: QuestionModule = {
	slug: 'basic-13-challenges',
	simulations: [{ question: basic13Challenges, kind: clusterKind }]
};
