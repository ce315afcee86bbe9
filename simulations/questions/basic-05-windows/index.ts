/** basic-05-windows: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { eventTimeKind } from '../../kinds/event-time/kind';
import { basic05Windows } from './question';

export const question: QuestionModule = {
	slug: 'basic-05-windows',
	simulations: [{ question: basic05Windows, kind: eventTimeKind }],
	later: async () => (await import('./dstream-simulation')).simulations
};
