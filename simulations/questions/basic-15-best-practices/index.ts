/** basic-15-best-practices: its program's practices as before/after parameters, on the cluster
 *  kind (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { clusterKind } from '../../kinds/cluster/kind';
import { basic15Practices } from './question';

export const question: QuestionModule = {
	slug: 'basic-15-best-practices',
	simulations: [{ question: basic15Practices, kind: clusterKind }]
};
