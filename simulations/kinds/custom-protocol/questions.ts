/** The pages this kind runs, by slug. */
import { advanced09Custom } from '../../questions/advanced-09-custom-sources-sinks/question';
import type { CustomProtocolQuestion } from './question';

const BY_SLUG: Readonly<Record<string, CustomProtocolQuestion>> = {
	[advanced09Custom.slug]: advanced09Custom
};

export const customProtocolQuestion = (slug: string): CustomProtocolQuestion | null =>
	BY_SLUG[slug] ?? null;
