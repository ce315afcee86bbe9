/** The pages this kind runs, by slug. */
import { advanced08Sessions } from '../../questions/advanced-08-stateful-transformations/question';
import type { KeyedStateQuestion } from './question';

const BY_SLUG: Readonly<Record<string, KeyedStateQuestion>> = {
	[advanced08Sessions.slug]: advanced08Sessions
};

export const keyedStateQuestion = (slug: string): KeyedStateQuestion | null =>
	BY_SLUG[slug] ?? null;
