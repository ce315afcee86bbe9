/** basic-02-pyspark-streaming-support: its Structured Streaming program in micro-batches, and the
 *  legacy DStream one behind the API switch (loaded after first paint), for the registry. */
import type { QuestionModule } from '../../kinds/kind';
import { microBatchKind } from '../../kinds/micro-batch/kind';
import { basic02StructuredStreaming } from './question';

export const question: QuestionModule = {
	slug: 'basic-02-pyspark-streaming-support',
	simulations: [{ question: basic02StructuredStreaming, kind: microBatchKind }],
	later: async () => (await import('./dstream-simulation')).simulations
};
