/** advanced-08-stateful-transformations: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { keyedStateKind } from '../../kinds/keyed-state/kind';
import { advanced08Sessions } from './question';

export const question: QuestionModule = {
	slug: 'advanced-08-stateful-transformations',
	simulations: [{ question: advanced08Sessions, kind: keyedStateKind }]
};
