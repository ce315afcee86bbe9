/**
 * Streaming dynamic allocation (SPARK-SEMANTICS R8.8; ExecutorAllocationManager.scala). Every
 * scalingInterval, if batches completed, avg = sum(processingDelay) / count (integer division)
 * and ratio = avg / batchDuration: ratio >= scalingUpRatio requests max(round(ratio), 1) more
 * executors (target clamped to [min, max]); ratio <= scalingDownRatio kills one executor that
 * runs no receiver, if more than minExecutors exist. The sums reset after every tick.
 */
import type { Rng } from '../core/rng';

export interface AllocationConfig {
	readonly batchMs: number;
	readonly scalingIntervalMs: number;
	readonly scalingUpRatio: number;
	readonly scalingDownRatio: number;
	readonly minExecutors: number;
	readonly maxExecutors: number;
}

export interface AllocationDecision {
	readonly action: 'add' | 'remove' | 'none';
	readonly completedBatches: number;
	readonly avgProcessingMs?: number;
	readonly ratio?: number;
	readonly executors: number;
	/** The executor id killed (executors are numbered 0..n-1; receivers run on the lowest ids). */
	readonly killed?: number;
}

const STREAMING = 'spark.streaming.dynamicAllocation';

/** Spark's checks and defaults; an error message (Spark's wording) when the settings are invalid. */
export function allocationConfig(
	conf: ReadonlyMap<string, string>,
	batchMs: number,
	receivers: number
): AllocationConfig | string | undefined {
	if (conf.get(`${STREAMING}.enabled`) !== 'true') return undefined;
	if (conf.get('spark.dynamicAllocation.enabled') === 'true') {
		return 'Dynamic Allocation cannot be enabled for both streaming and core at the same time. Please disable core Dynamic Allocation by setting spark.dynamicAllocation.enabled to false to use Dynamic Allocation in streaming.';
	}
	const n = (k: string, d: number) =>
		conf.has(`${STREAMING}.${k}`)
			? Number(String(conf.get(`${STREAMING}.${k}`)).replace(/s$/, ''))
			: d;
	const cfg: AllocationConfig = {
		batchMs,
		scalingIntervalMs: n('scalingInterval', 60) * 1000,
		scalingUpRatio: n('scalingUpRatio', 0.9),
		scalingDownRatio: n('scalingDownRatio', 0.3),
		minExecutors: n('minExecutors', Math.max(1, receivers)),
		maxExecutors: n('maxExecutors', 2147483647)
	};
	if (!(cfg.scalingUpRatio > cfg.scalingDownRatio)) {
		return `requirement failed: Config ${STREAMING}.scalingUpRatio must be more than config ${STREAMING}.scalingDownRatio`;
	}
	if (
		conf.has(`${STREAMING}.minExecutors`) &&
		conf.has(`${STREAMING}.maxExecutors`) &&
		cfg.maxExecutors < cfg.minExecutors
	) {
		return `requirement failed: Config ${STREAMING}.maxExecutors must be more than config ${STREAMING}.minExecutors`;
	}
	return cfg;
}

export class ExecutorAllocationManager {
	private sum = 0;
	private count = 0;
	constructor(
		readonly config: AllocationConfig,
		private readonly rng: Rng
	) {}

	/** onBatchCompleted: batches whose output operations failed are ignored by Spark. */
	addBatchProcTime(processingDelayMs: number): void {
		this.sum += processingDelayMs;
		this.count += 1;
	}

	/** One timer tick (manageAllocation), given the current executors and receivers. */
	manage(executors: number, receivers: number): AllocationDecision {
		const c = this.config;
		const count = this.count;
		let decision: AllocationDecision = { action: 'none', completedBatches: count, executors };
		if (count > 0) {
			const avg = Math.floor(this.sum / count);
			const ratio = avg / c.batchMs;
			if (ratio >= c.scalingUpRatio) {
				const target = Math.max(
					Math.min(c.maxExecutors, executors + Math.max(Math.round(ratio), 1)),
					c.minExecutors
				);
				decision = {
					action: target > executors ? 'add' : 'none',
					completedBatches: count,
					avgProcessingMs: avg,
					ratio,
					executors: target
				};
			} else if (ratio <= c.scalingDownRatio) {
				const removable = executors - Math.min(receivers, executors);
				const canKill = executors > 0 && executors > c.minExecutors && removable > 0;
				decision = canKill
					? {
							action: 'remove',
							completedBatches: count,
							avgProcessingMs: avg,
							ratio,
							executors: executors - 1,
							killed: executors - removable + this.rng.int(removable)
						}
					: {
							action: 'none',
							completedBatches: count,
							avgProcessingMs: avg,
							ratio,
							executors
						};
			} else {
				decision = {
					action: 'none',
					completedBatches: count,
					avgProcessingMs: avg,
					ratio,
					executors
				};
			}
		}
		this.sum = 0;
		this.count = 0;
		return decision;
	}
}
