/**
 * The narration's cluster clause on a page that draws the executors (advanced-01): per batch,
 * its tasks and cores, the state versions, and what a lost executor or a restart cost, from the
 * batch's internals (internals.ts); empty on the pages that do not draw them.
 */
import type { FtBatch, LoopPhase } from './frames';

/** Cores of the executors alive when the batch started. */
export const coresAtStart = (b: FtBatch): number =>
	(b.internals?.executors ?? [])
		.filter((e) => e.lostAtMs === null || e.lostAtMs > b.startMs)
		.reduce((n, e) => n + e.cores, 0);

export function internalsClause(b: FtBatch, phase: LoopPhase | null): string {
	const i = b.internals;
	if (!i) return '';
	const loads = i.tasks.filter((t) => t.loadMs > 0).length;
	const retried = i.tasks.filter((t) => t.retry).length;
	const tasks = ` ${i.readTasks} read task${i.readTasks === 1 ? '' : 's'} (one per Kafka partition with records), then ${i.stateTasks} stateful task${i.stateTasks === 1 ? '' : 's'} (one per shuffle partition) reading state v${b.batchId} and writing v${b.batchId + 1}`;
	const extra = [
		i.lost
			? `executor ${i.lost.executor} was lost: ${retried} read task${retried === 1 ? '' : 's'} re-ran`
			: '',
		loads > 0 ? `${loads} store${loads === 1 ? '' : 's'} loaded from the checkpoint` : ''
	]
		.filter((x) => x !== '')
		.join('; ');
	if (phase === 'run') return ` On ${coresAtStart(b)} cores:${tasks}${extra ? `; ${extra}` : ''}.`;
	if (phase !== null) return '';
	return ` On the executors (${i.durationMs.triggerExecution} ms in all):${tasks}${extra ? `; ${extra}` : ''}.`;
}
