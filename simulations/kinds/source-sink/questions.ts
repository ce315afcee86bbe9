/** The pages this kind runs, by slug. */
import { basic09Kafka } from '../../questions/basic-09-kafka-integration/question';
import type { SourceSinkQuestion } from './question';

const BY_SLUG: Readonly<Record<string, SourceSinkQuestion>> = {
	[basic09Kafka.slug]: basic09Kafka
};

export const sourceSinkQuestion = (slug: string): SourceSinkQuestion | null =>
	BY_SLUG[slug] ?? null;
