/** advanced-04-checkpoint-recovery: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { faultToleranceKind } from '../../kinds/fault-tolerance/kind';
import { advanced04CheckpointRecovery } from './question';

export const question: QuestionModule = {
	slug: 'advanced-04-checkpoint-recovery',
	simulations: [{ question: advanced04CheckpointRecovery, kind: faultToleranceKind }]
};
