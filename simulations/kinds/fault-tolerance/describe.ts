/** One sentence for the frame at `t`: the batch under the cursor, its phase, what it wrote. */
import { internalsClause } from './describe-internals';
import { frameAt, type FtRun, type LoopPhase } from './frames';

const DOING: Readonly<Record<LoopPhase, string>> = {
	plan: 'is planning its offsets',
	offsetLog: 'is writing offsets/{N} to the checkpoint',
	run: 'is running its tasks',
	sink: 'is writing its rows to the sink',
	commit: 'is writing commits/{N}'
};

export function describeFrame(run: FtRun, t: number): string {
	const f = frameAt(run, t);
	if (f.refused)
		return run.refusedAtMs === 0
			? `Spark refused to start the query: ${f.refused}`
			: `The query stopped: ${f.refused.split('\n')[0]}`;
	if (f.down) {
		const c = run.crashes.filter((x) => x.atMs <= t).at(-1);
		return `The driver is down (batch ${c?.batchId ?? '?'}: ${c?.message ?? 'failure'}); the checkpoint holds ${f.files.filter((x) => x.area === 'checkpoint').length} files.`;
	}
	const b = f.current;
	if (!b) return 'The query has started: the checkpoint holds only its metadata.';
	const which = b.replay
		? `Batch ${b.batchId} (re-run after the restart, same offsets)`
		: `Batch ${b.batchId}`;
	if (f.phase)
		return `${which} ${DOING[f.phase].replace('{N}', String(b.batchId))}.${internalsClause(b, f.phase)}`;
	if (b.failed && b.failed !== 'executorLost') return `${which} did not finish: the driver died.`;
	return `${which} is committed: it read ${b.numInputRows} records and wrote ${b.numOutputRows} rows; the checkpoint holds ${f.files.filter((x) => x.area === 'checkpoint').length} files.${internalsClause(b, null)}`;
}
