/**
 * Running a batch's stages on the executors' cores, in virtual time, on counts.
 *
 * Spark's rules kept here (DAGScheduler, TaskSchedulerImpl with the default FIFO pool):
 * - a stage's tasks are all submitted together; the next stage (the shuffle's reduce side) is
 *   submitted only when every task of the previous one has finished, so one slow task (skew)
 *   holds the whole batch;
 * - a task goes to a free core (one task per core with spark.task.cpus = 1), tasks in index
 *   order; resourceOffers hands out one task per executor per round, so a batch spreads over
 *   executors before it stacks on one. Spark shuffles the offers randomly; the model takes them
 *   in executor order (core 0 of every executor, then core 1 …) to stay deterministic;
 * - an executor that registers mid-stage takes pending tasks at once.
 * Locality waits (spark.locality.wait) and speculation are not modelled.
 *
 * When core dynamic allocation is on, its schedule() runs every 100 ms of virtual time
 * interleaved with task starts and ends, because its decisions depend on how many tasks are
 * pending at that moment (see dynamic-allocation.ts).
 */
import {
	ALLOCATION_TICK_MS,
	type AllocationStep,
	type CoreAllocationManager
} from './dynamic-allocation';
import type { Executor, ExecutorPool } from './executors';

export interface StageSpec {
	readonly name: string;
	/** Rows each task reads (one entry per task). */
	readonly rows: readonly number[];
	/** Duration of each task, whole ms (same length as rows). */
	readonly taskMs: readonly number[];
}

/** One task as a Gantt bar. */
export interface TaskRecord {
	readonly stage: number;
	readonly index: number;
	readonly executor: number;
	readonly core: number;
	readonly startMs: number;
	readonly endMs: number;
	readonly rows: number;
}

export interface StageRun {
	readonly name: string;
	readonly tasks: number;
	readonly submittedMs: number;
	readonly endMs: number;
	readonly maxTaskMs: number;
	readonly rows: number;
}

export interface StagesRun {
	readonly startMs: number;
	/** When the last task of the last stage ended; null if no core ever became available. */
	readonly endMs: number | null;
	readonly stages: readonly StageRun[];
	/** Gantt bars, or null when the caller asked not to keep them (long runs). */
	readonly tasks: readonly TaskRecord[] | null;
}

interface Slot {
	readonly exec: Executor;
	readonly core: number;
	busy: boolean;
	until: number;
	stage: number;
	index: number;
	startMs: number;
	rows: number;
}

const gridAfter = (t: number): number =>
	(Math.floor(t / ALLOCATION_TICK_MS) + 1) * ALLOCATION_TICK_MS;

export interface RuntimeOptions {
	readonly recordTasks?: boolean;
	readonly recordAllocation?: boolean;
}

/** The cluster across batches: executors, their cores, and the allocation manager's clock. */
export class ClusterRuntime {
	private slots: Slot[] = [];
	private nextTick: number;
	readonly allocationSteps: AllocationStep[] = [];

	constructor(
		readonly pool: ExecutorPool,
		readonly manager: CoreAllocationManager | null = null,
		private readonly options: RuntimeOptions = {},
		startMs = 0
	) {
		this.nextTick = Math.ceil(startMs / ALLOCATION_TICK_MS) * ALLOCATION_TICK_MS;
		this.rebuildSlots();
	}

	/** Cores of the executors registered now. */
	get cores(): number {
		return this.slots.length;
	}

	/** Run the stages one after the other from `startMs`. */
	runStages(stages: readonly StageSpec[], startMs: number): StagesRun {
		const record = this.options.recordTasks !== false;
		const tasks: TaskRecord[] | null = record ? [] : null;
		const runs: StageRun[] = [];
		const manager = this.manager;
		// Ticks skipped while idle changed nothing; realign to the 100 ms grid at the job's start.
		const firstTick = Math.ceil(startMs / ALLOCATION_TICK_MS) * ALLOCATION_TICK_MS;
		if (manager && this.nextTick > firstTick) this.nextTick = firstTick;
		let t = startMs;
		for (let si = 0; si < stages.length; si++) {
			const stage = stages[si] as StageSpec;
			const n = stage.taskMs.length;
			const submitted = t;
			let rows = 0;
			for (const r of stage.rows) rows += r;
			if (n === 0) {
				runs.push({ name: stage.name, tasks: 0, submittedMs: t, endMs: t, maxTaskMs: 0, rows });
				continue;
			}
			manager?.onStageSubmitted(t);
			let next = 0;
			let done = 0;
			let running = 0;
			let maxTask = 0;
			for (;;) {
				// Tasks ending now free their cores (ExecutorMonitor: idle from the last task's end).
				for (const s of this.slots) {
					if (!s.busy || s.until > t) continue;
					s.busy = false;
					running--;
					done++;
					s.exec.running--;
					if (s.exec.running === 0) s.exec.idleSince = s.until;
					if (tasks) {
						tasks.push({
							stage: si,
							index: s.index,
							executor: s.exec.id,
							core: s.core,
							startMs: s.startMs,
							endMs: s.until,
							rows: s.rows
						});
					}
				}
				if (done === n) break;
				if (this.pool.arrive(t) > 0) this.rebuildSlots();
				if (next < n) {
					for (const s of this.slots) {
						if (s.busy) continue;
						const d = stage.taskMs[next] ?? 1;
						s.busy = true;
						s.until = t + d;
						s.stage = si;
						s.index = next;
						s.startMs = t;
						s.rows = stage.rows[next] ?? 0;
						s.exec.running++;
						running++;
						if (d > maxTask) maxTask = d;
						next++;
						if (next === n) {
							manager?.onSchedulerQueueEmpty();
							break;
						}
					}
				}
				if (manager && t >= this.nextTick) this.tick(t, n - next, running);
				let tNext = manager ? this.nextTick : Infinity;
				const arrival = this.pool.nextArrival;
				if (arrival < tNext) tNext = arrival;
				for (const s of this.slots) if (s.busy && s.until < tNext) tNext = s.until;
				if (tNext === Infinity) {
					// No core will ever come: report the batch as unable to finish.
					return { startMs, endMs: null, stages: runs, tasks };
				}
				t = Math.max(t, tNext);
			}
			runs.push({
				name: stage.name,
				tasks: n,
				submittedMs: submitted,
				endMs: t,
				maxTaskMs: maxTask,
				rows
			});
		}
		return { startMs, endMs: t, stages: runs, tasks };
	}

	/**
	 * Let virtual time pass with no job running (between triggers). Only the allocation
	 * manager's ticks that can change something are evaluated: the first one (it lowers the
	 * target to what zero tasks need), arrivals, and executors' idle deadlines.
	 */
	advanceIdle(toMs: number): void {
		const manager = this.manager;
		if (!manager) {
			if (this.pool.arrive(toMs) > 0) this.rebuildSlots();
			return;
		}
		const idleTimeout = manager.conf.executorIdleTimeoutMs;
		while (this.nextTick < toMs) {
			const t = this.nextTick;
			if (this.pool.arrive(t) > 0) this.rebuildSlots();
			this.tick(t, 0, 0);
			let cand = this.pool.nextArrival;
			for (const e of this.pool.executors) {
				if (e.removedAt !== null || e.running > 0) continue;
				const deadline = e.idleSince + idleTimeout;
				if (deadline > t && deadline < cand) cand = deadline;
			}
			const after = Math.max(
				t + ALLOCATION_TICK_MS,
				Math.ceil(cand / ALLOCATION_TICK_MS) * ALLOCATION_TICK_MS
			);
			this.nextTick = Number.isFinite(after)
				? after
				: Math.max(
						t + ALLOCATION_TICK_MS,
						Math.ceil(toMs / ALLOCATION_TICK_MS) * ALLOCATION_TICK_MS
					);
		}
		if (this.pool.arrive(toMs) > 0) this.rebuildSlots();
	}

	/** Remove an idle executor (a scaler outside this runtime decided it); false if it is busy. */
	removeExecutor(id: number, at: number): boolean {
		const e = this.pool.executors.find((x) => x.id === id);
		if (!e || e.removedAt !== null || e.running > 0) return false;
		this.pool.remove(id, at);
		this.rebuildSlots();
		return true;
	}

	private tick(t: number, pending: number, running: number): void {
		const manager = this.manager as CoreAllocationManager;
		const idleTimeout = manager.conf.executorIdleTimeoutMs;
		const timedOut = this.pool.executors
			.filter((e) => e.removedAt === null && e.running === 0 && e.idleSince + idleTimeout <= t)
			.sort((a, b) => a.idleSince - b.idleSince || a.id - b.id)
			.map((e) => e.id);
		const step = manager.schedule(t, pending, running, {
			executors: this.pool.liveCount,
			timedOut
		});
		for (const id of step.removed) this.pool.remove(id, t);
		// The cluster manager is asked for `target` executors in total: grant or cancel requests.
		const wanted = Math.max(0, step.target - this.pool.liveCount);
		if (wanted > this.pool.pendingCount) this.pool.request(wanted - this.pool.pendingCount, t);
		else if (wanted < this.pool.pendingCount) this.pool.cancelDownTo(wanted, t);
		if (step.removed.length > 0) this.rebuildSlots();
		if (this.options.recordAllocation !== false && (step.delta !== 0 || step.removed.length > 0)) {
			this.allocationSteps.push(step);
		}
		this.nextTick = gridAfter(t);
	}

	/** Cores in offer order: core 0 of every executor, then core 1 … (round-robin offers). */
	private rebuildSlots(): void {
		const old = new Map(this.slots.map((s) => [`${s.exec.id}:${s.core}`, s]));
		const live = this.pool.executors.filter((e) => e.removedAt === null);
		const maxCores = live.reduce((m, e) => Math.max(m, e.cores), 0);
		const slots: Slot[] = [];
		for (let c = 0; c < maxCores; c++) {
			for (const e of live) {
				if (c >= e.cores) continue;
				slots.push(
					old.get(`${e.id}:${c}`) ?? {
						exec: e,
						core: c,
						busy: false,
						until: 0,
						stage: 0,
						index: 0,
						startMs: 0,
						rows: 0
					}
				);
			}
		}
		this.slots = slots;
	}
}
