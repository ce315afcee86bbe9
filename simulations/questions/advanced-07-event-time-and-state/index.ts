/** advanced-07-event-time-and-state: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { eventTimeKind } from '../../kinds/event-time/kind';
import { advanced07EventTimeAndState } from './question';

export const question: QuestionModule = {
	slug: 'advanced-07-event-time-and-state',
	simulations: [{ question: advanced07EventTimeAndState, kind: eventTimeKind }]
};
