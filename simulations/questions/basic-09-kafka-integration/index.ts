/** basic-09-kafka-integration: its simulation, what the page's registry entry loads (../../registry.ts). */
import type { QuestionModule } from '../../kinds/kind';
import { sourceSinkKind } from '../../kinds/source-sink/kind';
import { basic09Kafka } from './question';

export const question: QuestionModule = {
	slug: 'basic-09-kafka-integration',
	simulations: [{ question: basic09Kafka, kind: sourceSinkKind }]
};
