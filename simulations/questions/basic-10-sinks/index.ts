/** basic-10-sinks: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { sourceSinkKind } from '../../kinds/source-sink/kind';
import { basic10Sinks } from './question';

export const question: QuestionModule = {
	slug: 'basic-10-sinks',
	simulations: [{ question: basic10Sinks, kind: sourceSinkKind }]
};
