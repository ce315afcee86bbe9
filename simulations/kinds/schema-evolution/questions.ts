/** The pages this kind runs, by slug. */
import { advanced11Schema } from '../../questions/advanced-11-schema-evolution/question';
import type { SchemaEvolutionQuestion } from './question';

const BY_SLUG: Readonly<Record<string, SchemaEvolutionQuestion>> = {
	[advanced11Schema.slug]: advanced11Schema
};

export const schemaEvolutionQuestion = (slug: string): SchemaEvolutionQuestion | null =>
	BY_SLUG[slug] ?? null;
