/**
 * A cluster query's input and cost as its program says them, beside the page's world: the rate
 * source (RateStreamProvider) writes exactly rowsPerSecond rows each second over numPartitions
 * partitions (default: the cluster's cores, SparkContext.defaultParallelism), and a Python UDF
 * in the query sets how its tasks cost (task-cost.ts). Also the two things the advanced-13 view
 * draws from them: each batch's task time by where it goes, and the throughput ceiling of each
 * way of writing the transformation on this cluster.
 */
import type { Json } from '../../cluster/progress';
import type { RateProfile } from '../../cluster/input-profile';
import type { SourceSpec } from '../../cluster/run';
import type { TaskRecord } from '../../cluster/scheduler';
import {
	ceilingRowsPerSecond,
	taskParts,
	type TaskCost,
	type UdfKind
} from '../../cluster/task-cost';
import type { CostParts, UdfCeiling } from './frames';
import type { ClusterWorld } from './question';
import type { StructuredSettings } from './settings';

export interface QueryInput {
	readonly profile: RateProfile;
	readonly jitter: number;
	readonly source: SourceSpec;
	readonly cost: TaskCost;
}

export function inputOf(settings: StructuredSettings, world: ClusterWorld): QueryInput {
	const cost: TaskCost = {
		...world.cost,
		...(settings.udf ? { udf: settings.udf.kind } : {}),
		...(settings.arrowMaxRecordsPerBatch
			? { arrowMaxRecordsPerBatch: settings.arrowMaxRecordsPerBatch }
			: {})
	};
	const rate = settings.rate;
	if (!rate)
		return {
			profile: world.profile,
			jitter: world.jitter,
			// minPartitions splits the batch's large offset ranges into more read tasks.
			source: {
				topic: settings.topic,
				partitions: world.partitions,
				skew: world.sourceSkew ?? 0,
				retentionMs: null,
				minPartitions: settings.minPartitions
			},
			cost
		};
	const partitions = rate.numPartitions ?? world.executors * world.coresPerExecutor;
	const perSecond = rate.rowsPerSecond;
	return {
		// The rate source has no producers' noise: exactly rowsPerSecond rows a second.
		profile: { kind: 'steady', recordsPerSecond: perSecond },
		jitter: 0,
		source: {
			topic: 'rate',
			partitions,
			skew: 0,
			retentionMs: null,
			description: `RateStreamV2[rowsPerSecond=${perSecond}, rampUpTimeSeconds=0, numPartitions=${rate.numPartitions ?? 'default'}`,
			// Its offsets are the seconds of rows generated (a LongOffset).
			offsetJson: (offsets: readonly number[]): Json =>
				Math.floor(offsets.reduce((a, b) => a + b, 0) / perSecond)
		},
		cost
	};
}

/** A batch's tasks' time by where it goes (ms of task time, summed over its input tasks). */
export function costPartsOf(tasks: readonly TaskRecord[], cost: TaskCost): CostParts {
	let jvmMs = 0;
	let transferMs = 0;
	let pythonMs = 0;
	for (const t of tasks) {
		if (t.stage !== 0) continue;
		const p = taskParts(t.rows, cost);
		jvmMs += p.jvmMs;
		transferMs += p.transferMs;
		pythonMs += p.pythonMs;
	}
	return { jvmMs, transferMs, pythonMs };
}

const KINDS: readonly UdfKind[] = ['builtin', 'python', 'arrow', 'pandas'];

/** The throughput ceiling of each UDF kind on the cluster the query starts on (rows/s). */
export function ceilingsOf(cost: TaskCost, world: ClusterWorld): UdfCeiling[] {
	const cores = world.executors * world.coresPerExecutor;
	return KINDS.map((kind) => ({
		kind,
		rowsPerSecond: Math.round(ceilingRowsPerSecond({ ...cost, udf: kind }, cores)),
		current: kind === cost.udf
	}));
}
