/** basic-03-dstreams: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { dstreamKind, structuredCompanion } from '../../kinds/dstream/kind';
import { basic03DStreams } from './question';

export const question: QuestionModule = {
	slug: 'basic-03-dstreams',
	simulations: [
		{
			question: basic03DStreams,
			kind: dstreamKind,
			companion: structuredCompanion(basic03DStreams, 'structured')
		}
	]
};
