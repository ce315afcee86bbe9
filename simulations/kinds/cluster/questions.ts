/** The pages whose simulation is a cluster under load, by slug (each question folder's scenarios). */
import {
	advanced10DStream,
	advanced10Structured
} from '../../questions/advanced-10-backpressure/question';
import {
	advanced06DStream,
	advanced06Structured
} from '../../questions/advanced-06-dynamic-scaling/question';
import { basic12DStream, basic12Structured } from '../../questions/basic-12-monitoring/question';
import { basic15Practices } from '../../questions/basic-15-best-practices/question';
import { advanced05 } from '../../questions/advanced-05-latency-throughput/question';
import type { ClusterScenario } from './question';

const BY_SLUG: Readonly<Record<string, readonly ClusterScenario[]>> = {
	[basic12Structured.slug]: [basic12Structured, basic12DStream],
	[basic15Practices.slug]: [basic15Practices],
	[advanced06Structured.slug]: [advanced06Structured, advanced06DStream],
	[advanced10DStream.slug]: [advanced10DStream, advanced10Structured],
	[advanced05.slug]: [advanced05]
};

export const clusterScenarios = (slug: string): readonly ClusterScenario[] => BY_SLUG[slug] ?? [];
