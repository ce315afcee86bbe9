/**
 * DStream pages (SIM-2, legacy Spark Streaming, SPARK-SEMANTICS §8): the scenarios whose program
 * runs on the DStream engine, by slug, with the simulated socket input and the Structured
 * Streaming variants they share. `dstreamScenario` names the pages whose simulation *is* SIM-2;
 * `dstreamApiScenario` also names pages that show SIM-2 behind an API switch (basic-02).
 */
import { basic02DStreams } from '../../questions/basic-02-pyspark-streaming-support/dstream';
import { basic03DStreams } from '../../questions/basic-03-dstreams/question';
import type { DStreamScenario } from './question';

export type { DStreamScenario } from './question';
export { socketLines, linesBetween, WORDS } from './socket-lines';
export type { SocketLine } from './socket-lines';
export { structuredVariant } from './structured-variants';
export type { StructuredVariant } from './structured-variants';

const BY_SLUG: Readonly<Record<string, DStreamScenario>> = {
	[basic03DStreams.slug]: basic03DStreams
};
const BEHIND_API_SWITCH: Readonly<Record<string, DStreamScenario>> = {
	[basic02DStreams.slug]: basic02DStreams
};

/** The page's simulation is SIM-2 itself. */
export const dstreamScenario = (slug: string): DStreamScenario | null => BY_SLUG[slug] ?? null;

/** The SIM-2 scenario a page shows when its API switch says DStreams (or its main simulation). */
export const dstreamApiScenario = (slug: string): DStreamScenario | null =>
	BEHIND_API_SWITCH[slug] ?? BY_SLUG[slug] ?? null;
