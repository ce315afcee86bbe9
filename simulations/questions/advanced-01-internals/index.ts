/** advanced-01-internals: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { faultToleranceKind } from '../../kinds/fault-tolerance/kind';
import { advanced01Internals } from './question';

export const question: QuestionModule = {
	slug: 'advanced-01-internals',
	simulations: [{ question: advanced01Internals, kind: faultToleranceKind }]
};
