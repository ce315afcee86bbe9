/** basic-14's legacy DStream program run by the DStream kind (behind the page's API switch). */
import type { QuestionSimulation } from '../../kinds/kind';
import { dstreamKind } from '../../kinds/dstream/kind';
import { basic14DStreams } from './dstream';

export const simulations: readonly QuestionSimulation[] = [
	{ question: basic14DStreams, kind: dstreamKind }
];
