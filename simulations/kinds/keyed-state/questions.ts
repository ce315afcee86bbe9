/** The pages this kind runs, by slug. */
import { basic07State } from '../../questions/basic-07-stateful-operations/question';
import { advanced08Sessions } from '../../questions/advanced-08-stateful-transformations/question';
import type { KeyedStateQuestion } from './question';

const BY_SLUG: Readonly<Record<string, KeyedStateQuestion>> = {
	[basic07State.slug]: basic07State,
	[advanced08Sessions.slug]: advanced08Sessions
};

export const keyedStateQuestion = (slug: string): KeyedStateQuestion | null =>
	BY_SLUG[slug] ?? null;
