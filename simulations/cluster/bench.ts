/**
 * The simulated-hour figure (issue 14): one hour of a stateful query at 100,000 events/s on the
 * cluster model, on counts: 3,600 one-second triggers, each with 8 scan tasks and 200 stateful
 * tasks scheduled on 16 cores. Gantt bars are not kept (the page keeps them only for the batches
 * it shows); everything else (offsets, phases, latency, backlog) is.
 */
import { runClusterQuery, type ClusterQuerySpec, type ClusterRun } from './run';
import { DEFAULT_TASK_COST } from './task-cost';

export const HOUR_SPEC: ClusterQuerySpec = {
	seed: 1,
	durationMs: 3_600_000,
	triggerIntervalMs: 1000,
	profile: { kind: 'steady', recordsPerSecond: 100_000 },
	profileJitter: 0.1,
	source: { topic: 'events', partitions: 8, skew: 0, retentionMs: null },
	admission: { kind: 'none' },
	inputCost: DEFAULT_TASK_COST,
	stateful: {
		shufflePartitions: 200,
		keySkew: 0.1,
		cost: { ...DEFAULT_TASK_COST, taskOverheadMs: 3, perRowMs: 0.001 },
		keys: 10_000,
		watermarkDelayMs: 10_000
	},
	driverOverheadMs: 100,
	cluster: {
		executors: 4,
		coresPerExecutor: 4,
		executorStartupMs: 30_000,
		dynamicAllocation: null
	},
	recordTasks: false
};

export function simulateHour(spec: ClusterQuerySpec = HOUR_SPEC): ClusterRun {
	return runClusterQuery(spec);
}
