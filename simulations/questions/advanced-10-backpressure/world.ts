/**
 * advanced-10's world, the part no program says: producers writing `producerRate` records/s with
 * a ×`spikeFactor` spike for 60 s, and what a record costs. The cost stands for the program's
 * Python lambdas on a slow worker, chosen so the default rate fits the cluster and the spike
 * does not (QUESTIONS.md EXEC: a stand-in that scales the way Spark does):
 * - DStream (local[4], one core for the receiver): a 2 s batch is 10 blocks, 10 tasks on 3 cores
 *   = 4 waves of (10 ms + rows/10 × 0.5 ms) + 50 ms, so it keeps up with ≈ 4,800 records/s;
 * - Structured (2 executors × 2 cores): 4 Kafka partitions, then 200 shuffle partitions for the
 *   groupBy (its state store), so ≈ 2,800 records/s fit a 2 s trigger.
 */
import type { Params } from '../../core/params';
import type { ClusterWorld } from '../../kinds/cluster/question';
import { spikeWorld } from '../cluster-scenario';

export const RUN_MS = 150_000;
export const SPIKE_AT_MS = 16_000;
export const SPIKE_MS = 60_000;
export const START_EPOCH_MS = Date.UTC(2026, 0, 1, 10, 0, 0);

export const world = (params: Params): ClusterWorld =>
	spikeWorld(params, {
		spikeAtMs: SPIKE_AT_MS,
		spikeMs: SPIKE_MS,
		driverOverheadMs: 50,
		executors: 2,
		keys: 50,
		executorStartupMs: 0,
		executorAllocationMs: 0
	});
