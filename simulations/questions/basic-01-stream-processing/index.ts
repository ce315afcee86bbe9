/** basic-01-stream-processing: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { microBatchKind } from '../../kinds/micro-batch/kind';
import { basic01StreamProcessing } from './question';

export const question: QuestionModule = {
	slug: 'basic-01-stream-processing',
	simulations: [{ question: basic01StreamProcessing, kind: microBatchKind }]
};
