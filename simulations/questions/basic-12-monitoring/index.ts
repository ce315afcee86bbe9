/** basic-12-monitoring: its Structured Streaming program (progress, the Spark UI tab, a
 *  StreamingQueryListener) and, behind the API switch, its DStream one (a StreamingListener),
 *  both on the cluster kind (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { clusterKind } from '../../kinds/cluster/kind';
import { basic12DStream, basic12Structured } from './question';

export const question: QuestionModule = {
	slug: 'basic-12-monitoring',
	simulations: [
		{ question: basic12Structured, kind: clusterKind },
		{ question: basic12DStream, kind: clusterKind }
	]
};
