/** advanced-14-joins-aggregations: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { eventTimeKind } from '../../kinds/event-time/kind';
import { advanced14JoinsAggregations } from './question';

export const question: QuestionModule = {
	slug: 'advanced-14-joins-aggregations',
	simulations: [{ question: advanced14JoinsAggregations, kind: eventTimeKind }]
};
