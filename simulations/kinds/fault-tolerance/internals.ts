/**
 * What a batch does on the cluster (advanced-01): the driver's phases in `durationMs` terms and
 * the executors' cores running the batch's tasks, on the cluster model (`../../cluster`: its
 * scheduler, cost model and executor pool; nothing of it is re-implemented here). Per batch: one
 * read task per Kafka partition with records, then, after the stage barrier, one stateful task
 * per shuffle partition, each reading state version N from its store and writing N+1.
 *
 * Where Spark's rules are kept:
 * - a state store provider stays loaded on the executor that ran its partition (StateStore's
 *   loaded providers, preferred locations); a task on another executor loads the version it
 *   needs from the checkpoint: the latest snapshot and the deltas after it (HDFSBackedStateStore-
 *   Provider.loadMap), so the load's cost is the files it reads;
 * - an executor lost after the read stage takes its shuffle outputs with it (no external shuffle
 *   service): DAGScheduler re-runs the read tasks that ran there before the stateful stage, and
 *   the stateful tasks whose stores it held run on the survivors, loading their state;
 * - a restarted driver is a new application with new executors: no provider is loaded, so the
 *   first batch after a restart loads every partition's state.
 * The lost executor is not replaced within the run (a cluster manager would start a new one
 * after its start-up time); the cores left carry the rest of the run.
 */
import {
	BatchExecutor,
	ClusterRuntime,
	DEFAULT_TASK_COST,
	ExecutorPool,
	batchStages,
	type Phases,
	type StageSpec,
	type TaskCost,
	type TaskRecord
} from '../../cluster';
import type { FailurePhase } from '../../structured/failures/schedule';
import type { BatchInternals, FtFile, InternalsTask, LoopPhase } from './frames';
import { asProviderFiles, recoveryPlan, type StoreLayout } from './state-store-files';

export interface ClusterWorld {
	readonly executors: number;
	readonly coresPerExecutor: number;
}

/** The driver's fixed work per batch (ms), split over durationMs by the cost model's shares. */
const DRIVER_OVERHEAD_MS = 200;
const READ_COST: TaskCost = { ...DEFAULT_TASK_COST, taskOverheadMs: 12, perRowMs: 0.5 };
/** A stateful task also gets its store, applies the updates and commits version N+1. */
const STATE_COST: TaskCost = { ...DEFAULT_TASK_COST, taskOverheadMs: 20, perRowMs: 1 };
/** Loading a store on an executor that does not hold it: opening it plus each checkpoint file read. */
const LOAD_OPEN_MS = 30;
const LOAD_PER_FILE_MS = 15;
/** A replacement executor's start-up (container or pod, JVM, registration). */
const EXECUTOR_STARTUP_MS = 3000;

/** The files a task reads to load `version` of a partition, as the provider names them:
 *  HDFS-backed, the last snapshot at or before it and the deltas after it; RocksDB, the
 *  version's zip (every version is a checkpoint); RocksDB with changelog checkpointing, the
 *  last zip and the changelogs after it (state-store-files.ts). */
export function filesToLoad(
	files: readonly FtFile[],
	partition: number,
	version: number,
	layout: StoreLayout = 'hdfs'
): string[] {
	const dir = `state/0/${partition}`;
	const plan = recoveryPlan(
		files.filter((f) => f.area === 'checkpoint'),
		version,
		'hdfs'
	).find((p) => p.dir === dir);
	if (!plan) return [];
	const named = asProviderFiles(
		[
			...(plan.snapshot !== null ? [plan.snapshot] : []).map((v) => `${dir}/${v}.snapshot`),
			...plan.deltas.map((v) => `${dir}/${v}.delta`)
		].map((path) => ({ path }) as FtFile),
		layout
	).map((f) => f.path);
	// RocksDB without changelogs: every version is a zip, the newest one is all a load needs.
	return layout === 'rocksdb' ? named.slice(-1) : named;
}

export interface ClusterBatch {
	readonly internals: BatchInternals;
	/** Phase starts relative to the trigger's start. */
	readonly phaseAt: Readonly<Record<LoopPhase, number>>;
	readonly durationMs: number;
	/** Where in the batch the driver dies for each failure phase (relative ms). */
	diesAt(phase: FailurePhase): number;
}

export class ClusterModel {
	private runtime: ClusterRuntime | null = null;
	private runIndex = -1;
	/** Shuffle partition → executor label holding its loaded store. */
	private stores = new Map<number, number>();
	private readonly driver: Phases;

	constructor(
		readonly world: ClusterWorld,
		readonly shufflePartitions: number,
		/** How the state store provider names the files a load reads. */
		private readonly layout: StoreLayout = 'hdfs'
	) {
		// The fixed phases come from the cluster's own batch executor (durationMs shares).
		this.driver = new BatchExecutor(
			new ClusterRuntime(new ExecutorPool(1, 0, 1)),
			DRIVER_OVERHEAD_MS
		).execute({ inputRows: [], inputCost: READ_COST, stateful: null }, 0).phases;
	}

	/** Executors are labelled across driver runs (a restart's executors are new ones). */
	private label(id: number): number {
		return this.runIndex * this.world.executors + id;
	}

	execute(args: {
		readonly runIndex: number;
		readonly startMs: number;
		readonly batchId: number;
		readonly inputRows: readonly number[];
		readonly loseExecutor: boolean;
		readonly files: readonly FtFile[];
		/** A logged batch re-run after a restart: Spark neither asks the source nor writes
		 *  offsets/N again (MicroBatchExecution.populateStartOffsets: the batch is constructed). */
		readonly replay: boolean;
	}): ClusterBatch {
		if (args.runIndex !== this.runIndex || this.runtime === null) {
			this.runIndex = args.runIndex;
			this.stores = new Map();
			this.runtime = new ClusterRuntime(
				new ExecutorPool(
					this.world.coresPerExecutor,
					EXECUTOR_STARTUP_MS,
					this.world.executors,
					args.startMs
				)
			);
		}
		const runtime = this.runtime;
		const d: Phases = args.replay ? { ...this.driver, latestOffset: 0, walCommit: 0 } : this.driver;
		const pre = d.latestOffset + d.walCommit + d.getBatch + d.queryPlanning;
		const execStart = args.startMs + pre;
		runtime.advanceIdle(execStart);
		const readPartitions = args.inputRows
			.map((rows, partition) => ({ rows, partition }))
			.filter((x) => x.rows > 0);
		const [scan, stateful] = batchStages({
			inputRows: args.inputRows,
			inputCost: READ_COST,
			stateful: { shufflePartitions: this.shufflePartitions, keySkew: 0, cost: STATE_COST }
		}) as unknown as [StageSpec, StageSpec];
		const tasks: InternalsTask[] = [];
		const readRun = runtime.runStages([scan], execStart);
		let t = readRun.endMs ?? execStart;
		const readTasks = (readRun.tasks ?? []).map((r) => ({
			...r,
			partition: readPartitions[r.index]?.partition ?? r.index
		}));
		let lost: { executor: number; atMs: number } | null = null;
		let retried: typeof readTasks = [];
		if (args.loseExecutor) {
			const live = runtime.pool.live;
			const victim = live[live.length - 1];
			if (victim) {
				// The last executor gone, nothing runs until the cluster manager starts another.
				if (live.length === 1) runtime.pool.request(1, t);
				runtime.removeExecutor(victim.id, t);
				lost = { executor: this.label(victim.id), atMs: t };
				retried = readTasks.filter((r) => r.executor === victim.id);
				for (const [p, e] of this.stores) if (e === lost.executor) this.stores.delete(p);
			}
		}
		for (const r of readTasks)
			tasks.push(
				this.task('read', r, r.partition, lost !== null && this.label(r.executor) === lost.executor)
			);
		// The stateful tasks' costs depend on where they land; the scheduler places them by index
		// in offer order, so place once at base cost, then charge a load where the store moved.
		const version = args.batchId;
		const loadFiles = new Map<number, string[]>();
		const stage2 = (): StageSpec[] => [
			{
				name: 'read (re-run)',
				rows: retried.map((r) => r.rows),
				taskMs: retried.map((r) => r.endMs - r.startMs)
			},
			{
				name: 'stateful',
				rows: stateful.rows,
				taskMs: stateful.taskMs.map((ms, p) => ms + loadMsOf(loadFiles.get(p)))
			}
		];
		// Place with the loads the placement implies until it no longer moves (a load lengthens a
		// task, which can change where later waves land); a copy of the pool answers where.
		const live = runtime.pool.live.map((e) => e.id);
		// No executor left: whichever one the cluster manager starts loads every store.
		if (live.length === 0 && version > 0)
			for (let p = 0; p < this.shufflePartitions; p++)
				loadFiles.set(p, filesToLoad(args.files, p, version, this.layout));
		for (let i = 0; i < 4 && live.length > 0; i++) {
			const pool = new ExecutorPool(this.world.coresPerExecutor, 0, live.length, t);
			const probe = new ClusterRuntime(pool).runStages(stage2(), t);
			let moved = false;
			for (const r of probe.tasks ?? []) {
				if (r.stage !== 1 || version === 0) continue;
				const where = this.label(live[r.executor] ?? r.executor);
				const needs = this.stores.get(r.index) !== where;
				if (needs !== loadFiles.has(r.index)) moved = true;
				if (needs) loadFiles.set(r.index, filesToLoad(args.files, r.index, version, this.layout));
				else loadFiles.delete(r.index);
			}
			if (!moved) break;
		}
		const run2 = runtime.runStages(stage2(), t);
		t = run2.endMs ?? t;
		for (const r of run2.tasks ?? []) {
			if (r.stage === 0) {
				const orig = retried[r.index];
				tasks.push({ ...this.task('read', r, orig?.partition ?? r.index, false), retry: true });
				continue;
			}
			const files = loadFiles.get(r.index) ?? null;
			const where = this.label(r.executor);
			this.stores.set(r.index, where);
			tasks.push({
				...this.task('state', r, r.index, false),
				reads: version,
				writes: version + 1,
				loadMs: files ? loadMsOf(files) : 0,
				loadFiles: files ?? []
			});
		}
		const addBatch = d.addBatch + (t - execStart);
		const durationMs = {
			latestOffset: d.latestOffset,
			walCommit: d.walCommit,
			getBatch: d.getBatch,
			queryPlanning: d.queryPlanning,
			addBatch,
			commitOffsets: d.commitOffsets
		};
		const total = Object.values(durationMs).reduce((a, b) => a + b, 0);
		runtime.advanceIdle(args.startMs + total);
		const tasksEnd = t - args.startMs;
		const phaseAt: Record<LoopPhase, number> = {
			plan: 0,
			offsetLog: durationMs.latestOffset,
			run: pre,
			sink: tasksEnd,
			commit: tasksEnd + d.addBatch
		};
		const executors = runtime.pool.executors.map((e) => ({
			id: this.label(e.id),
			cores: e.cores,
			lostAtMs: e.removedAt
		}));
		return {
			internals: {
				durationMs: { ...durationMs, triggerExecution: total },
				executors,
				tasks: tasks.sort((a, b) => a.startMs - b.startMs || a.executor - b.executor),
				lost,
				readTasks: readTasks.length,
				stateTasks: stateful.taskMs.length,
				cores: executors.filter((e) => e.lostAtMs === null).length * this.world.coresPerExecutor
			},
			phaseAt,
			durationMs: total,
			diesAt: (phase) =>
				phase === 'afterOffsetLog'
					? phaseAt.offsetLog + durationMs.walCommit
					: phase === 'duringProcessing'
						? Math.round((pre + tasksEnd) / 2)
						: phase === 'afterSinkBeforeCommit'
							? phaseAt.commit
							: phase === 'beforeOffsetLog'
								? Math.round(durationMs.latestOffset / 2)
								: total
		};
	}

	private task(
		stage: InternalsTask['stage'],
		r: TaskRecord,
		partition: number,
		onLost: boolean
	): InternalsTask {
		return {
			stage,
			partition,
			executor: this.label(r.executor),
			core: r.core,
			startMs: r.startMs,
			endMs: r.endMs,
			rows: r.rows,
			retry: false,
			lost: onLost,
			reads: null,
			writes: null,
			loadMs: 0,
			loadFiles: []
		};
	}
}

function loadMsOf(files: readonly string[] | undefined): number {
	return files === undefined ? 0 : LOAD_OPEN_MS + files.length * LOAD_PER_FILE_MS;
}

/** What of a batch happened before the driver died at `endMs` (all of it when it did not). */
export function clipToDeath(b: BatchInternals, endMs: number): BatchInternals {
	return {
		...b,
		tasks: b.tasks
			.filter((t) => t.startMs < endMs)
			.map((t) => (t.endMs <= endMs ? t : { ...t, endMs }))
	};
}
