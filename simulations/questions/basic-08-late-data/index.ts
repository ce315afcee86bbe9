/** basic-08-late-data: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { eventTimeKind } from '../../kinds/event-time/kind';
import { basic08LateData } from './question';

export const question: QuestionModule = {
	slug: 'basic-08-late-data',
	simulations: [{ question: basic08LateData, kind: eventTimeKind }]
};
