/** advanced-13-libraries-custom-transformations: one transformation four ways (built-in, Python
 *  UDF, Arrow UDF, pandas UDF) on the cluster kind (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { clusterKind } from '../../kinds/cluster/kind';
import { advanced13Udfs } from './question';

export const question: QuestionModule = {
	slug: 'advanced-13-libraries-custom-transformations',
	simulations: [{ question: advanced13Udfs, kind: clusterKind }]
};
