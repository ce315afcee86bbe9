/** advanced-11-schema-evolution: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { schemaEvolutionKind } from '../../kinds/schema-evolution/kind';
import { advanced11Schema } from './question';

export const question: QuestionModule = {
	slug: 'advanced-11-schema-evolution',
	simulations: [{ question: advanced11Schema, kind: schemaEvolutionKind }]
};
