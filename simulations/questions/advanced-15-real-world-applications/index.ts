/** advanced-15-real-world-applications: its three cases, what the page's registry entry loads
 *  (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { eventTimeKind } from '../../kinds/event-time/kind';
import { keyedStateKind } from '../../kinds/keyed-state/kind';
import { anomalyCase, CASES, fraudCase, iotCase } from './question';

export const question: QuestionModule = {
	slug: 'advanced-15-real-world-applications',
	simulations: [
		{ question: fraudCase, kind: eventTimeKind },
		{ question: iotCase, kind: eventTimeKind },
		{ question: anomalyCase, kind: keyedStateKind }
	],
	cases: CASES
};
