/** The pages this kind runs, by slug. */
import { advanced12Testing } from '../../questions/advanced-12-testing-debugging/question';
import type { TestBenchQuestion } from './question';

const BY_SLUG: Readonly<Record<string, TestBenchQuestion>> = {
	[advanced12Testing.slug]: advanced12Testing
};

export const testBenchQuestion = (slug: string): TestBenchQuestion | null => BY_SLUG[slug] ?? null;
