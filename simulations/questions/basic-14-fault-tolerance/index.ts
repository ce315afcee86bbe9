/** basic-14-fault-tolerance: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { faultToleranceKind } from '../../kinds/fault-tolerance/kind';
import { basic14FaultTolerance } from './question';

export const question: QuestionModule = {
	slug: 'basic-14-fault-tolerance',
	simulations: [{ question: basic14FaultTolerance, kind: faultToleranceKind }],
	later: async () => (await import('./dstream-simulation')).simulations
};
