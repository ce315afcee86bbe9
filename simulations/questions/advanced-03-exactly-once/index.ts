/** advanced-03-exactly-once: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { faultToleranceKind } from '../../kinds/fault-tolerance/kind';
import { advanced03ExactlyOnce } from './question';

export const question: QuestionModule = {
	slug: 'advanced-03-exactly-once',
	simulations: [{ question: advanced03ExactlyOnce, kind: faultToleranceKind }]
};
