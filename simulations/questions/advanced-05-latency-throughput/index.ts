/** advanced-05-latency-throughput: a stateful Kafka query swept over one setting on the cluster
 *  kind: each setting's run a point of latency against throughput (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { clusterKind } from '../../kinds/cluster/kind';
import { advanced05 } from './question';

export const question: QuestionModule = {
	slug: 'advanced-05-latency-throughput',
	simulations: [{ question: advanced05, kind: clusterKind }]
};
