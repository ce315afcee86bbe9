/** basic-06-checkpoints: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { faultToleranceKind } from '../../kinds/fault-tolerance/kind';
import { basic06Checkpoints } from './question';

export const question: QuestionModule = {
	slug: 'basic-06-checkpoints',
	simulations: [{ question: basic06Checkpoints, kind: faultToleranceKind }],
	later: async () => (await import('./dstream-simulation')).simulations
};
