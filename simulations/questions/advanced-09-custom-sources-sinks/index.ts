/** advanced-09-custom-sources-sinks: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { customProtocolKind } from '../../kinds/custom-protocol/kind';
import { advanced09Custom } from './question';

export const question: QuestionModule = {
	slug: 'advanced-09-custom-sources-sinks',
	simulations: [{ question: advanced09Custom, kind: customProtocolKind }]
};
