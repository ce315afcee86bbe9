/** advanced-10-backpressure: its DStream program (PID backpressure) and, behind the API switch,
 *  its Structured Streaming one (maxOffsetsPerTrigger), both on the cluster kind (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { clusterKind } from '../../kinds/cluster/kind';
import { advanced10DStream, advanced10Structured } from './question';

export const question: QuestionModule = {
	slug: 'advanced-10-backpressure',
	simulations: [
		{ question: advanced10DStream, kind: clusterKind },
		{ question: advanced10Structured, kind: clusterKind }
	]
};
