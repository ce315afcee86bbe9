/**
 * A driver failure and restart of a DStream application (SPARK-SEMANTICS R8.2, R8.5), following
 * Spark's recovery path:
 * - The driver writes a metadata checkpoint `checkpoint-<t>` when it generates batch t and again
 *   when t completes (JobGenerator.generateJobs / clearMetadata -> doCheckpoint, every batch
 *   interval); each holds the batches not yet completed (Checkpoint.pendingTimes). A restart
 *   reads the newest file.
 * - `StreamingContext.getOrCreate(dir, setupFunc)` with a checkpoint in `dir` rebuilds the
 *   context from it: setupFunc is NOT called, so the graph, its functions, the batch interval and
 *   the SparkConf are the checkpointed ones (pyspark streaming/context.py getOrCreate;
 *   Checkpoint.createSparkConf). Code changed since is not picked up.
 * - JobGenerator.restart: restartTime = the first batch time after the restart clock;
 *   re-run (pendingTimes ++ checkpointTime.until(restartTime)) in order, all submitted at once;
 *   then the timer goes on from restartTime.
 * - Receiver data: blocks are in executor memory, which dies with the driver. With
 *   spark.streaming.receiver.writeAheadLog.enable the blocks and their batch allocations are in
 *   the log and the re-run batches read them back (ReceivedBlockTracker, WriteAheadLogBackedBlockRDD;
 *   blocks received but not yet allocated go to the first re-run batch after the last allocated
 *   one). Without it a re-run batch finds no blocks and computes an empty RDD. Lines sent while
 *   no receiver listens are never received (a socket does not replay).
 * - State (updateStateByKey): the state RDD comes back from the last data checkpoint recorded in
 *   the metadata checkpoint; later batches are recomputed from lineage, whose input blocks exist
 *   only in the write-ahead log (DStreamCheckpointData.restore).
 * Without getOrCreate, or before the first checkpoint, the restart is a fresh start: new
 * context, empty state, nothing re-run.
 *
 * The restarted run is computed by replaying the checkpointed program over the input the
 * recovered driver can see (what the rules above keep), then re-timing the batches from the
 * re-run on: the replayed batches before it only rebuild the state, as lineage would.
 */
import type { BatchCompleted, BlockEvent, CheckpointEvent, DStreamEvent } from './events';
import type { DStreamProgram } from './reader';
import { simulateDStreams, type RecordSource, type SimulateOptions } from './simulate';
import { readStreamingConf } from './streaming-conf';

export interface DriverFailure {
	/** When the driver dies (virtual ms since zeroTime). */
	readonly failAtMs: number;
	/** How long until the deployment restarts it. */
	readonly restartDelayMs: number;
}

export interface RecoveryFacts {
	readonly batchMs: number;
	readonly failAtMs: number;
	readonly restartAtMs: number;
	/** The first batch time the restarted timer generates itself. */
	readonly restartTime: number;
	/** The batch time of the checkpoint the restart read; null: none, a fresh start. */
	readonly checkpointTime: number | null;
	/** Batches the checkpoint listed as not completed. */
	readonly pendingTimes: readonly number[];
	/** Batch times from the checkpoint to the restart, generated at once on restart. */
	readonly downTimes: readonly number[];
	readonly rerunTimes: readonly number[];
	/** The batch whose state RDD was restored (stateful programs), if any. */
	readonly dataCheckpointTime: number | null;
	readonly wal: boolean;
	/** Records received before the crash that the recovered driver read back from the log. */
	readonly recoveredFromLog: number;
	/** Records received before the crash that no recovered batch or state holds any more. */
	readonly lostReceived: number;
	/** Records sent while no receiver listened. */
	readonly notReceived: number;
}

export interface RecoveryRun {
	readonly events: DStreamEvent[];
	readonly facts: RecoveryFacts | null;
}

/** spark.streaming.receiver.writeAheadLog.enable (SparkConf.getBoolean, default false). */
export const walEnabled = (conf: ReadonlyMap<string, string>): boolean =>
	conf.get('spark.streaming.receiver.writeAheadLog.enable')?.trim().toLowerCase() === 'true';

const isStateful = (p: DStreamProgram): boolean =>
	p.state.graph.nodes.some((n) => n.checkpointMs !== undefined || n.mustCheckpoint);

const count = (source: RecordSource | undefined, from: number, to: number): number =>
	to > from ? (source?.arrivals(from, to).length ?? 0) : 0;

/**
 * `read` returns a fresh copy of the checkpointed program (the one the first driver ran): each
 * run mutates its state. The first run's error, if any, is returned as is.
 */
export function simulateDriverRestart(
	read: () => DStreamProgram,
	options: SimulateOptions,
	failure: DriverFailure
): RecoveryRun {
	const first = read();
	const failAt = failure.failAtMs;
	const before = simulateDStreams(first, { ...options, durationMs: failAt });
	if (before.some((e) => e.type === 'error') || failAt >= options.durationMs)
		return { events: before, facts: null };
	const B = first.state.batchMs ?? 1000;
	const bi = readStreamingConf(first.state.conf, B).blockIntervalMs;
	const wal = walEnabled(first.state.conf);
	const source = options.sources?.[0];
	const done = before.filter(
		(e): e is BatchCompleted => e.type === 'batchCompleted' && e.time <= failAt
	);
	const endOf = (t: number) =>
		before.find((e) => e.type === 'batchCompleted' && e.batchTime === t)?.time ?? Infinity;
	const restartAt = failAt + failure.restartDelayMs;
	const restartTime = (Math.floor(restartAt / B) + 1) * B;
	const receivedUntil = Math.floor(failAt / bi) * bi;
	const lastCkpt = Math.floor(failAt / B) * B;
	const recovers =
		first.state.getOrCreatePath !== undefined &&
		first.state.checkpointDir !== undefined &&
		lastCkpt >= B;

	let facts: RecoveryFacts;
	let keep: (from: number, to: number) => readonly [number, number] | null;
	if (!recovers) {
		const lastDone = done.at(-1)?.batchTime ?? 0;
		facts = {
			batchMs: B,
			failAtMs: failAt,
			restartAtMs: restartAt,
			restartTime,
			checkpointTime: null,
			pendingTimes: [],
			downTimes: [],
			rerunTimes: [],
			dataCheckpointTime: null,
			wal,
			recoveredFromLog: 0,
			lostReceived: count(source, lastDone, receivedUntil),
			notReceived: count(source, receivedUntil, restartAt)
		};
		keep = (from, to) => (to > restartAt ? [Math.max(from, restartAt), to] : null);
	} else {
		// The newest checkpoint file is checkpoint-<lastCkpt>: written when that batch was
		// generated, rewritten when it completed (then nothing before it is pending).
		const writtenAt = endOf(lastCkpt) <= failAt ? endOf(lastCkpt) : lastCkpt;
		const pendingTimes = before
			.filter((e): e is BatchCompleted => e.type === 'batchCompleted')
			.filter((e) => e.batchTime <= lastCkpt && e.time > writtenAt)
			.map((e) => e.batchTime);
		const downTimes: number[] = [];
		for (let t = lastCkpt; t < restartTime; t += B) downTimes.push(t);
		const rerunTimes = [...new Set([...pendingTimes, ...downTimes])]
			.filter((t) => t < restartTime)
			.sort((a, b) => a - b);
		const r0 = rerunTimes[0] ?? restartTime;
		const dataCkpts = before.filter(
			(e): e is CheckpointEvent =>
				e.type === 'checkpoint' && e.kind === 'data' && e.time <= writtenAt
		);
		const stateful = isStateful(first);
		const dataCheckpointTime = stateful ? Math.max(0, ...dataCkpts.map((e) => e.batchTime)) : null;
		// Input up to `kept` is what the recovered driver has without the log: the restored state
		// (stateful) or batches it does not re-run.
		const kept = dataCheckpointTime ?? r0 - B;
		facts = {
			batchMs: B,
			failAtMs: failAt,
			restartAtMs: restartAt,
			restartTime,
			checkpointTime: lastCkpt,
			pendingTimes,
			downTimes,
			rerunTimes,
			dataCheckpointTime,
			wal,
			recoveredFromLog: wal ? count(source, Math.min(kept, r0 - B), receivedUntil) : 0,
			lostReceived: wal ? 0 : count(source, Math.min(kept, r0 - B), receivedUntil),
			notReceived: count(source, receivedUntil, restartAt)
		};
		keep = (from, to) => {
			const batch = Math.ceil(to / B) * B;
			if (batch <= kept) return [from, to];
			if (to <= receivedUntil) return wal ? [from, to] : null;
			return to > restartAt ? [Math.max(from, restartAt), to] : null;
		};
	}
	const sources = options.sources?.map((s): RecordSource => ({
		arrivals: (from, to) => {
			const range = keep(from, to);
			return range ? s.arrivals(range[0], range[1]) : [];
		}
	}));
	const replay = simulateDStreams(read(), { ...options, sources });
	const failed = replay.find((e) => e.type === 'error');
	if (failed) return { events: [failed], facts };
	const r0 = facts.rerunTimes[0] ?? restartTime;
	return {
		events: [...before.filter((e) => e.time <= failAt), ...retimed(replay, facts, r0)],
		facts
	};
}

/** The restarted driver's batches from r0 on: the re-run ones all submitted at the restart,
 *  then one per batch interval from restartTime, one job at a time. */
function retimed(
	replay: readonly DStreamEvent[],
	facts: RecoveryFacts,
	r0: number
): DStreamEvent[] {
	const out: DStreamEvent[] = [];
	const byTime = replay
		.filter((e): e is BatchCompleted => e.type === 'batchCompleted' && e.batchTime >= r0)
		.sort((a, b) => a.batchTime - b.batchTime);
	let lastEnd = facts.restartAtMs;
	for (const e of byTime) {
		const submitted = e.batchTime < facts.restartTime ? facts.restartAtMs : e.batchTime;
		const start = Math.max(submitted, lastEnd);
		const end = start + e.processingDelay;
		lastEnd = end;
		out.push({
			...e,
			time: end,
			schedulingDelay: start - submitted,
			totalDelay: end - submitted,
			recovered: e.batchTime < facts.restartTime
		});
		for (const c of replay)
			if (c.type === 'checkpoint' && c.batchTime === e.batchTime)
				out.push({ ...c, time: c.kind === 'data' ? end : submitted });
	}
	for (const b of replay)
		if (b.type === 'block' && (b.time > facts.restartAtMs || rerunBlock(b, facts)))
			out.push({ ...b, restarted: true });
	return out.sort((a, b) => a.time - b.time);
}

/** A block received before the crash that a re-run batch read back from the write-ahead log. */
const rerunBlock = (b: BlockEvent, f: RecoveryFacts): boolean =>
	f.wal && b.time <= f.failAtMs && b.time > (f.rerunTimes[0] ?? Infinity) - f.batchMs;
