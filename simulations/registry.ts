/**
 * Which questions have a simulation, and how a page loads it: slug → the kinds it runs (known
 * without loading anything) and a loader for the question's folder, which brings its kind's
 * engine with it. Each loader is a separate chunk, so a page downloads only its own kind.
 */
import type { KindId, QuestionModule } from './kinds/kind';

interface Entry {
	/** The kinds the page opens with (its first load). */
	readonly kinds: readonly KindId[];
	/** Kinds behind a switch, loaded after first paint. */
	readonly later?: readonly KindId[];
	readonly load: () => Promise<{ readonly question: QuestionModule }>;
}

export const SIMULATIONS: Readonly<Record<string, Entry>> = {
	'basic-01-stream-processing': {
		kinds: ['micro-batch'],
		load: () => import('./questions/basic-01-stream-processing/index')
	},
	'basic-02-pyspark-streaming-support': {
		kinds: ['micro-batch'],
		later: ['dstream'],
		load: () => import('./questions/basic-02-pyspark-streaming-support/index')
	},
	'basic-03-dstreams': {
		kinds: ['dstream'],
		load: () => import('./questions/basic-03-dstreams/index')
	},
	'basic-04-sources': {
		kinds: ['source-sink'],
		load: () => import('./questions/basic-04-sources/index')
	},
	'basic-05-windows': {
		kinds: ['event-time'],
		later: ['dstream'],
		load: () => import('./questions/basic-05-windows/index')
	},
	'basic-06-checkpoints': {
		kinds: ['fault-tolerance'],
		later: ['dstream'],
		load: () => import('./questions/basic-06-checkpoints/index')
	},
	'basic-07-stateful-operations': {
		kinds: ['keyed-state'],
		later: ['dstream'],
		load: () => import('./questions/basic-07-stateful-operations/index')
	},
	'basic-08-late-data': {
		kinds: ['event-time'],
		load: () => import('./questions/basic-08-late-data/index')
	},
	'basic-09-kafka-integration': {
		kinds: ['source-sink'],
		load: () => import('./questions/basic-09-kafka-integration/index')
	},
	'basic-10-sinks': {
		kinds: ['source-sink'],
		load: () => import('./questions/basic-10-sinks/index')
	},
	'basic-11-micro-batches': {
		kinds: ['micro-batch'],
		load: () => import('./questions/basic-11-micro-batches/index')
	},
	'basic-12-monitoring': {
		kinds: ['cluster', 'cluster'],
		load: () => import('./questions/basic-12-monitoring/index')
	},
	'basic-13-challenges': {
		kinds: ['cluster'],
		load: () => import('./questions/basic-13-challenges/index')
	},
	'basic-14-fault-tolerance': {
		kinds: ['fault-tolerance'],
		later: ['dstream'],
		load: () => import('./questions/basic-14-fault-tolerance/index')
	},
	'basic-15-best-practices': {
		kinds: ['cluster'],
		load: () => import('./questions/basic-15-best-practices/index')
	},
	'advanced-01-internals': {
		kinds: ['fault-tolerance'],
		load: () => import('./questions/advanced-01-internals/index')
	},
	'advanced-02-event-time-watermarks': {
		kinds: ['event-time'],
		load: () => import('./questions/advanced-02-event-time-watermarks/index')
	},
	'advanced-03-exactly-once': {
		kinds: ['fault-tolerance'],
		load: () => import('./questions/advanced-03-exactly-once/index')
	},
	'advanced-04-checkpoint-recovery': {
		kinds: ['fault-tolerance'],
		load: () => import('./questions/advanced-04-checkpoint-recovery/index')
	},
	'advanced-05-latency-throughput': {
		kinds: ['cluster'],
		load: () => import('./questions/advanced-05-latency-throughput/index')
	},
	'advanced-06-dynamic-scaling': {
		kinds: ['cluster', 'cluster'],
		load: () => import('./questions/advanced-06-dynamic-scaling/index')
	},
	'advanced-07-event-time-and-state': {
		kinds: ['event-time'],
		load: () => import('./questions/advanced-07-event-time-and-state/index')
	},
	'advanced-08-stateful-transformations': {
		kinds: ['keyed-state'],
		load: () => import('./questions/advanced-08-stateful-transformations/index')
	},
	'advanced-09-custom-sources-sinks': {
		kinds: ['custom-protocol'],
		load: () => import('./questions/advanced-09-custom-sources-sinks/index')
	},
	'advanced-10-backpressure': {
		kinds: ['cluster', 'cluster'],
		load: () => import('./questions/advanced-10-backpressure/index')
	},
	'advanced-11-schema-evolution': {
		kinds: ['schema-evolution'],
		load: () => import('./questions/advanced-11-schema-evolution/index')
	},
	'advanced-12-testing-debugging': {
		kinds: ['test-bench'],
		load: () => import('./questions/advanced-12-testing-debugging/index')
	},
	'advanced-13-libraries-custom-transformations': {
		kinds: ['cluster'],
		load: () => import('./questions/advanced-13-libraries-custom-transformations/index')
	},
	'advanced-14-joins-aggregations': {
		kinds: ['event-time'],
		load: () => import('./questions/advanced-14-joins-aggregations/index')
	},
	'advanced-15-real-world-applications': {
		kinds: ['event-time', 'event-time', 'keyed-state'],
		load: () => import('./questions/advanced-15-real-world-applications/index')
	}
};

/** The question's simulations, or null for a page without one. */
export async function loadQuestion(slug: string): Promise<QuestionModule | null> {
	const entry = SIMULATIONS[slug];
	return entry ? (await entry.load()).question : null;
}
