/**
 * Core dynamic allocation (`spark.dynamicAllocation.*`), the only kind Structured Streaming has
 * (SPARK-SEMANTICS §9). The rule is ExecutorAllocationManager.scala (core, Spark 3.x/4.x):
 *
 * - it runs `schedule()` every 100 ms (intervalMillis);
 * - a stage submitted sets `addTime = now + schedulerBacklogTimeout` if unset
 *   (onSchedulerBacklogged); the last pending task starting clears it and resets the ramp
 *   (onSchedulerQueueEmpty);
 * - maxNeeded = ceil((pending + running tasks) × executorAllocationRatio / tasksPerExecutor)
 *   (maxNumExecutorsNeededPerResourceProfile), tasksPerExecutor = executor cores / task cpus;
 * - if maxNeeded < target: target = max(maxNeeded, minExecutors), numExecutorsToAdd = 1
 *   (decrementExecutors; the cluster manager cancels requests not yet granted);
 * - else if now ≥ addTime: target = clamp(min(max(target, executors) + numExecutorsToAdd,
 *   maxNeeded), min, max) (addExecutors); when that raised it, numExecutorsToAdd doubles if the
 *   whole round was granted (delta == numExecutorsToAdd) else resets to 1, and addTime moves on
 *   by sustainedSchedulerBacklogTimeout (doUpdateRequest). So rounds add 1, 2, 4, 8 … executors,
 *   one round per backlog timeout, never more than the tasks could use;
 * - an executor idle for executorIdleTimeout (ExecutorMonitor: idle from registration or from
 *   its last task's end) is removed unless that would go below minExecutors or below the target
 *   (removeExecutors);
 * - nothing changes the target while `initializing` (until the first stage is submitted or an
 *   idle timeout fires), so the first job does not ramp needlessly.
 *
 * The model assumes an external shuffle service (or shuffle data already cleaned), so the
 * timeout is executorIdleTimeout, not the shuffle-tracking timeout; it does not model
 * speculation, excluded executors, cached blocks or several resource profiles.
 */

/** ExecutorAllocationManager's polling interval (intervalMillis). */
export const ALLOCATION_TICK_MS = 100;

export interface DynamicAllocationConf {
	readonly minExecutors: number;
	readonly maxExecutors: number;
	readonly initialExecutors: number;
	readonly schedulerBacklogTimeoutMs: number;
	readonly sustainedSchedulerBacklogTimeoutMs: number;
	readonly executorIdleTimeoutMs: number;
	readonly executorAllocationRatio: number;
	/** spark.executor.cores / spark.task.cpus */
	readonly tasksPerExecutor: number;
}

const KEY = 'spark.dynamicAllocation';

/** getTimeAsSeconds: a bare number is seconds; ms/s/m/min/h suffixes; truncated to seconds. */
function seconds(raw: string | undefined, fallback: number): number {
	if (raw === undefined) return fallback;
	const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/i.exec(raw);
	if (!m) return Number.NaN;
	const v = Number(m[1]);
	const unit = (m[2] ?? 's').toLowerCase();
	const factor =
		unit === 'ms' ? 0.001 : unit === 'm' || unit === 'min' ? 60 : unit === 'h' ? 3600 : 1;
	return Math.trunc(v * factor);
}

/**
 * The settings from a SparkConf-like map, with Spark's defaults (config/package.scala:
 * minExecutors 0, maxExecutors Int.MaxValue, initialExecutors = max(min, initial,
 * spark.executor.instances) (Utils.getDynamicAllocationInitialExecutors),
 * schedulerBacklogTimeout 1s, sustained = schedulerBacklogTimeout, executorIdleTimeout 60s,
 * executorAllocationRatio 1.0) and validateSettings' messages. Undefined when disabled.
 */
export function dynamicAllocationConf(
	conf: ReadonlyMap<string, string>,
	coresPerExecutor: number
): DynamicAllocationConf | string | undefined {
	if (conf.get(`${KEY}.enabled`) !== 'true') return undefined;
	const int = (k: string, d: number) => (conf.has(k) ? Number(conf.get(k)) : d);
	const min = int(`${KEY}.minExecutors`, 0);
	const max = int(`${KEY}.maxExecutors`, 2147483647);
	const initial = Math.max(
		min,
		int(`${KEY}.initialExecutors`, min),
		int('spark.executor.instances', 0)
	);
	const backlog = seconds(conf.get(`${KEY}.schedulerBacklogTimeout`), 1);
	const sustained = seconds(conf.get(`${KEY}.sustainedSchedulerBacklogTimeout`), backlog);
	const idle = seconds(conf.get(`${KEY}.executorIdleTimeout`), 60);
	const ratio = conf.has(`${KEY}.executorAllocationRatio`)
		? Number(conf.get(`${KEY}.executorAllocationRatio`))
		: 1;
	const taskCpus = int('spark.task.cpus', 1);
	if (min < 0 || max < 0) return `${KEY}.minExecutors and ${KEY}.maxExecutors must be positive!`;
	if (max === 0) return `${KEY}.maxExecutors cannot be 0!`;
	if (min > max) {
		return `${KEY}.minExecutors (${min}) must be less than or equal to ${KEY}.maxExecutors (${max})!`;
	}
	if (!(backlog > 0)) return `${KEY}.schedulerBacklogTimeout must be > 0!`;
	// Spark's message really starts with a stray "s" (an `s${…}` interpolation typo).
	if (!(sustained > 0)) return `s${KEY}.sustainedSchedulerBacklogTimeout must be > 0!`;
	if (!(idle >= 0)) return `${KEY}.executorIdleTimeout must be >= 0!`;
	if (!(ratio > 0 && ratio <= 1)) return `${KEY}.executorAllocationRatio must be > 0 and <= 1.0`;
	const tasksPerExecutor = Math.floor(coresPerExecutor / Math.max(1, taskCpus));
	if (tasksPerExecutor < 1) return 'spark.executor.cores must not be less than spark.task.cpus.';
	return {
		minExecutors: min,
		maxExecutors: max,
		initialExecutors: initial,
		schedulerBacklogTimeoutMs: backlog * 1000,
		sustainedSchedulerBacklogTimeoutMs: sustained * 1000,
		executorIdleTimeoutMs: idle * 1000,
		executorAllocationRatio: ratio,
		tasksPerExecutor
	};
}

/** What one schedule() saw and did, for the scaling view. */
export interface AllocationStep {
	readonly atMs: number;
	readonly pendingTasks: number;
	readonly runningTasks: number;
	readonly maxNeeded: number;
	/** Target after the step. */
	readonly target: number;
	/** Executors asked for (> 0) or requests cancelled (< 0) by this step. */
	readonly delta: number;
	/** numExecutorsToAdd for the next round. */
	readonly nextToAdd: number;
	readonly removed: readonly number[];
}

export interface AllocationView {
	/** Registered, not removed. */
	readonly executors: number;
	/** Idle executors whose deadline passed, oldest idle first: ids. */
	readonly timedOut: readonly number[];
}

export class CoreAllocationManager {
	target: number;
	numExecutorsToAdd = 1;
	/** NOT_SET is null. */
	addTime: number | null = null;
	initializing = true;

	constructor(readonly conf: DynamicAllocationConf) {
		this.target = conf.initialExecutors;
	}

	/** ExecutorAllocationListener.onStageSubmitted → onSchedulerBacklogged. */
	onStageSubmitted(now: number): void {
		this.initializing = false;
		if (this.addTime === null) this.addTime = now + this.conf.schedulerBacklogTimeoutMs;
	}

	/** onTaskStart with no pending task left, or the last stage completing: onSchedulerQueueEmpty. */
	onSchedulerQueueEmpty(): void {
		this.addTime = null;
		this.numExecutorsToAdd = 1;
	}

	maxNeeded(pending: number, running: number): number {
		const c = this.conf;
		return Math.ceil(((pending + running) * c.executorAllocationRatio) / c.tasksPerExecutor);
	}

	/** One schedule(): returns the target change and the executors to remove. */
	schedule(now: number, pending: number, running: number, view: AllocationView): AllocationStep {
		const c = this.conf;
		if (view.timedOut.length > 0) this.initializing = false;
		const maxNeeded = this.maxNeeded(pending, running);
		let delta = 0;
		if (!this.initializing) {
			if (maxNeeded < this.target) {
				const old = this.target;
				this.target = Math.max(maxNeeded, c.minExecutors);
				this.numExecutorsToAdd = 1;
				delta = this.target - old;
			} else if (this.addTime !== null && now >= this.addTime) {
				delta = this.addExecutors(maxNeeded, view.executors);
				if (delta > 0) {
					this.numExecutorsToAdd =
						delta === this.numExecutorsToAdd ? this.numExecutorsToAdd * 2 : 1;
					this.addTime = now + c.sustainedSchedulerBacklogTimeoutMs;
				}
			}
		}
		const removed: number[] = [];
		let total = view.executors;
		for (const id of view.timedOut) {
			if (total - 1 < c.minExecutors || total - 1 < this.target) continue;
			removed.push(id);
			total -= 1;
		}
		return {
			atMs: now,
			pendingTasks: pending,
			runningTasks: running,
			maxNeeded,
			target: this.target,
			delta,
			nextToAdd: this.numExecutorsToAdd,
			removed
		};
	}

	private addExecutors(maxNeeded: number, executors: number): number {
		const c = this.conf;
		const old = this.target;
		if (old >= c.maxExecutors) {
			this.numExecutorsToAdd = 1;
			return 0;
		}
		let t = Math.max(old, executors) + this.numExecutorsToAdd;
		t = Math.min(t, maxNeeded);
		t = Math.max(Math.min(t, c.maxExecutors), c.minExecutors);
		this.target = t;
		const delta = t - old;
		if (delta === 0) this.numExecutorsToAdd = 1;
		return delta;
	}
}
