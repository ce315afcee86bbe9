/** The pages this kind runs, by slug. */
import { advanced01Internals } from '../../questions/advanced-01-internals/question';
import { advanced03ExactlyOnce } from '../../questions/advanced-03-exactly-once/question';
import { basic06Checkpoints } from '../../questions/basic-06-checkpoints/question';
import type { FaultToleranceQuestion } from './question';

const BY_SLUG: Readonly<Record<string, FaultToleranceQuestion>> = {
	[basic06Checkpoints.slug]: basic06Checkpoints,
	[advanced01Internals.slug]: advanced01Internals,
	[advanced03ExactlyOnce.slug]: advanced03ExactlyOnce
};

export const faultToleranceQuestion = (slug: string): FaultToleranceQuestion | null =>
	BY_SLUG[slug] ?? null;
