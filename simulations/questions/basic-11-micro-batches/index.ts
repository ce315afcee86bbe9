/** basic-11-micro-batches: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { microBatchKind } from '../../kinds/micro-batch/kind';
import { basic11MicroBatches } from './question';

export const question: QuestionModule = {
	slug: 'basic-11-micro-batches',
	simulations: [{ question: basic11MicroBatches, kind: microBatchKind }]
};
