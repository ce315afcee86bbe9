/** The schema-evolution kind's engine (kind.ts loads it lazily): the page's program over the question's
 *  simulated input. */
import type { KindEngine } from '../kind';
import type { SeRun } from './frames';
import type { SchemaEvolutionQuestion } from './question';
import { runSchemaEvolution } from './run';

export const schemaEvolutionEngine: KindEngine<SchemaEvolutionQuestion, SeRun> = {
	run: (question, { code, params, seed }) =>
		runSchemaEvolution(code, question.world(question.constrain(params).params), seed)
};
