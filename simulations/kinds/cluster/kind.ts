/**
 * A cluster under load (issue 14): the page's program — Structured Streaming on Kafka, or a
 * DStream program with a socket receiver — run on the cluster model for minutes of virtual time,
 * on counts: executors' cores and each batch's tasks, backlog and latency, rate control (the PID
 * estimator or maxOffsetsPerTrigger), and the Spark UI's numbers per batch.
 */
import type { SimulationKind } from '../kind';
import { clusterCodeFocusAt } from './code-focus';
import { describeClusterFrame } from './describe';
import { endMsOf, frameAt, type ClusterFrame, type ClusterSimRun } from './frames';
import { clusterMarkersOf } from './markers';
import { clusterParamsOf } from './params';
import { clusterPredictionsOf } from './predict';
import type { ClusterScenario } from './question';

export const clusterKind: SimulationKind<ClusterScenario, ClusterSimRun, ClusterFrame> = {
	id: 'cluster',
	engine: () => import('./engine').then((m) => m.clusterEngine),
	rejection: () => null,
	// The settings come from the run's reading of the program; a program that does not run leaves
	// the controls where they were.
	paramsOf: (question, _code, run, params) =>
		run === null ? params : clusterParamsOf(question, run, params),
	frameAt,
	endMs: endMsOf,
	stops: (run) =>
		run.batches.filter((b) => b.endMs <= run.runMs).map((b) => ({ id: b.id, endMs: b.endMs })),
	// Ten batches in: the first frame already shows the producers' rate against the batches'.
	openingStop: 10,
	markers: clusterMarkersOf,
	codeFocus: clusterCodeFocusAt,
	describe: describeClusterFrame,
	// Compare: the same producers under the program with one setting changed (backpressure on
	// against off), side by side at one cursor.
	features: { compare: {}, predictions: clusterPredictionsOf }
};
