/**
 * DStream pages (SIM-2, legacy Spark Streaming, SPARK-SEMANTICS §8): the scenarios whose main
 * program runs on the DStream engine, by slug, with the simulated socket input and the
 * Structured Streaming variants they share.
 */
import { basic03DStreams, type DStreamScenario } from './basic-03-dstreams';

export type { DStreamScenario } from './basic-03-dstreams';
export { socketLines, linesBetween, WORDS } from './socket-lines';
export type { SocketLine } from './socket-lines';
export { structuredVariant } from './structured-variants';
export type { StructuredVariant } from './structured-variants';

const BY_SLUG: Readonly<Record<string, DStreamScenario>> = { [basic03DStreams.slug]: basic03DStreams };

export const dstreamScenario = (slug: string): DStreamScenario | null => BY_SLUG[slug] ?? null;
