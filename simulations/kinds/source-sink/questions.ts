/** The pages this kind runs, by slug. */
import { basic04Sources } from '../../questions/basic-04-sources/question';
import { basic09Kafka } from '../../questions/basic-09-kafka-integration/question';
import { basic10Sinks } from '../../questions/basic-10-sinks/question';
import type { SourceSinkQuestion } from './question';

const BY_SLUG: Readonly<Record<string, SourceSinkQuestion>> = {
	[basic04Sources.slug]: basic04Sources,
	[basic09Kafka.slug]: basic09Kafka,
	[basic10Sinks.slug]: basic10Sinks
};

export const sourceSinkQuestion = (slug: string): SourceSinkQuestion | null =>
	BY_SLUG[slug] ?? null;
