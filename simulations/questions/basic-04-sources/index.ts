/** basic-04-sources: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { sourceSinkKind } from '../../kinds/source-sink/kind';
import { basic04Sources } from './question';

export const question: QuestionModule = {
	slug: 'basic-04-sources',
	simulations: [{ question: basic04Sources, kind: sourceSinkKind }]
};
