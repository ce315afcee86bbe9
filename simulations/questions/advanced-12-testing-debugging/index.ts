/** advanced-12-testing-debugging: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { testBenchKind } from '../../kinds/test-bench/kind';
import { advanced12Testing } from './question';

export const question: QuestionModule = {
	slug: 'advanced-12-testing-debugging',
	simulations: [{ question: advanced12Testing, kind: testBenchKind }]
};
