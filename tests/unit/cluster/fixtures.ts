// A small query on the cluster model, shared by the run-level tests.
import type { ClusterQuerySpec } from '../../../simulations/cluster/run';
import { DEFAULT_TASK_COST } from '../../../simulations/cluster/task-cost';

export const smallQuery = (over: Partial<ClusterQuerySpec> = {}): ClusterQuerySpec => ({
	seed: 1,
	durationMs: 60_000,
	triggerIntervalMs: 1000,
	profile: { kind: 'steady', recordsPerSecond: 10_000 },
	source: { topic: 'events', partitions: 4, skew: 0, retentionMs: null },
	admission: { kind: 'none' },
	inputCost: { ...DEFAULT_TASK_COST, taskOverheadMs: 10, perRowMs: 0.002 },
	stateful: null,
	driverOverheadMs: 100,
	cluster: {
		executors: 2,
		coresPerExecutor: 2,
		executorStartupMs: 30_000,
		dynamicAllocation: null
	},
	...over
});
