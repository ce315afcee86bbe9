/** basic-07-stateful-operations: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { keyedStateKind } from '../../kinds/keyed-state/kind';
import { basic07State } from './question';

export const question: QuestionModule = {
	slug: 'basic-07-stateful-operations',
	simulations: [{ question: basic07State, kind: keyedStateKind }],
	later: async () => (await import('./dstream-simulation')).simulations
};
