/**
 * Predict, then reveal, on a page that draws the cluster (advanced-01): how many tasks a batch
 * runs and on how many cores (one per Kafka partition, one per shuffle partition), how many cores
 * the stateful stage leaves idle, what an executor lost inside a batch costs (its tasks, not the
 * batch), and which stores a restarted driver's executors load. Asked from the run, answered by it.
 */
import type { Prediction } from '../kind';
import type { FtBatch, FtRun } from './frames';

const clustered = (run: FtRun) => run.batches.filter((b) => b.internals !== undefined);

/** The batch these questions look at: the third with records, before any failure. */
function sample(run: FtRun): { b: FtBatch; before: FtBatch } | null {
	const ok = clustered(run).filter(
		(b) => b.numInputRows > 0 && b.failed === null && b.runIndex === 0
	);
	const b = ok[1];
	const before = b ? run.batches[run.batches.indexOf(b) - 1] : undefined;
	return b && before ? { b, before } : null;
}

function taskCount(run: FtRun): Prediction | null {
	const s = sample(run);
	const i = s?.b.internals;
	if (!s || !i) return null;
	const total = i.readTasks + i.stateTasks;
	const choices = [
		{
			id: 'stages',
			label: `${total}: ${i.readTasks} read tasks, then ${i.stateTasks} stateful tasks`
		},
		{ id: 'cores', label: `${i.cores}: one per core` },
		{ id: 'records', label: `${s.b.numInputRows}: one per record` }
	];
	return {
		id: `tasks-${s.b.batchId}`,
		askAtMs: s.before.endMs + 1,
		revealAtMs: s.b.endMs,
		question: `Batch ${s.b.batchId} reads ${s.b.numInputRows} records from ${run.partitions} Kafka partitions with spark.sql.shuffle.partitions = ${run.shufflePartitions}, on ${i.cores} cores. How many tasks does it run?`,
		choices,
		answer: 'stages',
		explanation: `${total} tasks: one read task per Kafka partition with records (${i.readTasks}), then, after the shuffle, one stateful task per shuffle partition (${i.stateTasks}), each reading state version ${s.b.batchId} of its store and writing ${s.b.batchId + 1}. Tasks follow partitions, not cores or records.`
	};
}

function idleCores(run: FtRun): Prediction | null {
	const s = sample(run);
	const i = s?.b.internals;
	if (!s || !i) return null;
	const idle = Math.max(0, i.cores - i.stateTasks);
	const options = [...new Set([0, idle, Math.floor(i.cores / 2)])].sort((a, b) => a - b);
	return {
		id: `idle-${s.b.batchId}`,
		askAtMs: s.before.endMs + 2,
		revealAtMs: s.b.endMs,
		question: `While batch ${s.b.batchId}’s stateful stage runs (${run.shufflePartitions} shuffle partitions), how many of the ${i.cores} cores have no task?`,
		choices: options.map((n) => ({
			id: String(n),
			label: n === 0 ? '0: every core works' : `${n}`
		})),
		answer: String(idle),
		explanation:
			idle > 0
				? `${idle} of ${i.cores} cores sit idle: the stateful stage has exactly ${i.stateTasks} tasks, one per shuffle partition. More executors cannot help it; only more shuffle partitions would, and the checkpoint pins that number.`
				: `None: ${i.stateTasks} stateful tasks (one per shuffle partition) keep all ${i.cores} cores busy${i.stateTasks > i.cores ? `, in ${Math.ceil(i.stateTasks / i.cores)} waves` : ''}.`
	};
}

function executorLoss(run: FtRun): Prediction | null {
	const b = run.batches.find((x) => x.internals?.lost);
	const lost = b?.internals?.lost;
	const before = b ? run.batches[run.batches.indexOf(b) - 1] : undefined;
	if (!b || !lost || !before) return null;
	const again = run.batches.filter((x) => x.batchId === b.batchId).length > 1;
	const retried = b.internals?.tasks.filter((t) => t.retry).length ?? 0;
	const loads = b.internals?.tasks.filter((t) => t.loadMs > 0).length ?? 0;
	return {
		id: `executor-${b.batchId}`,
		askAtMs: before.endMs + 3,
		revealAtMs: b.endMs,
		question: `Executor ${lost.executor} will be lost in batch ${b.batchId}, after the read stage. What happens to batch ${b.batchId}?`,
		choices: [
			{ id: 'tasks', label: 'its tasks run again on the executors left; the batch finishes once' },
			{
				id: 'batch',
				label: `batch ${b.batchId} runs again from the start, as after a driver crash`
			},
			{ id: 'lost', label: 'the rows that executor held are lost' }
		],
		answer: again ? 'batch' : 'tasks',
		explanation: `Batch ${b.batchId} finished once, ${b.endMs - b.startMs} ms instead of about ${before.endMs - before.startMs}: ${retried} read tasks re-ran (their shuffle output died with the executor) and ${loads} stateful tasks loaded their store’s version ${b.batchId} from the checkpoint on another executor. The driver, its logs and the batch id did not change.`
	};
}

function restartLoads(run: FtRun): Prediction | null {
	const r = run.restarts[0];
	const b = r ? run.batches.find((x) => x.startMs >= r.startMs && x.internals) : undefined;
	const i = b?.internals;
	const crash = run.crashes[0];
	if (!b || !i || !crash) return null;
	const loads = i.tasks.filter((t) => t.stage === 'state' && t.loadMs > 0).length;
	const answer = loads === i.stateTasks ? 'all' : loads === 0 ? 'none' : 'some';
	return {
		id: `restart-loads-${b.batchId}`,
		askAtMs: crash.atMs + 3,
		revealAtMs: b.endMs,
		question: `After the restart, batch ${b.batchId} runs ${i.stateTasks} stateful tasks. How many must first load their state from the checkpoint?`,
		choices: [
			{ id: 'none', label: 'none: the stores are still in the executors’ memory' },
			{ id: 'some', label: 'only the ones whose executor died' },
			{ id: 'all', label: `all ${i.stateTasks}` }
		],
		answer,
		explanation: `${loads} of ${i.stateTasks}: a restarted driver is a new application with new executors (${i.executors.map((e) => e.id).join(', ')}), and no store is loaded in them, so each stateful task reads its partition’s snapshot and deltas first.`
	};
}

export function internalsPredictions(run: FtRun): (Prediction | null)[] {
	return [taskCount(run), idleCores(run), executorLoss(run), restartLoads(run)];
}
