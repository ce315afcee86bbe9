/** advanced-02-event-time-watermarks: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { eventTimeKind } from '../../kinds/event-time/kind';
import { advanced02EventTimeWatermarks } from './question';

export const question: QuestionModule = {
	slug: 'advanced-02-event-time-watermarks',
	simulations: [{ question: advanced02EventTimeWatermarks, kind: eventTimeKind }]
};
