/**
 * The micro-batch questions by slug (basic-01, basic-02's Structured Streaming side, basic-11),
 * for tests and scripts; a page reaches its own question through the registry (../../registry.ts).
 */
import type { Params } from '../../core/params';
import { basic01StreamProcessing } from '../../questions/basic-01-stream-processing/question';
import { basic02StructuredStreaming } from '../../questions/basic-02-pyspark-streaming-support/question';
import { basic11MicroBatches } from '../../questions/basic-11-micro-batches/question';
import type { MicroBatchScenario } from './question';

export const MICRO_BATCH_SCENARIOS: Readonly<Record<string, MicroBatchScenario>> = {
	[basic01StreamProcessing.slug]: basic01StreamProcessing,
	[basic02StructuredStreaming.slug]: basic02StructuredStreaming,
	[basic11MicroBatches.slug]: basic11MicroBatches
};

export function microBatchScenario(slug: string): MicroBatchScenario | undefined {
	return MICRO_BATCH_SCENARIOS[slug];
}

/** The page's program at these parameters (the page shows it in the editor). */
export function program(slug: string, params: Params): string {
	const scenario = MICRO_BATCH_SCENARIOS[slug];
	if (!scenario) throw new Error(`no micro-batch simulation for ${slug}`);
	return scenario.program(params);
}
