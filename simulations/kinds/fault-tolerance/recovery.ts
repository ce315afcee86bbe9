/**
 * advanced-04's additions to a finished run: the state files as the configured provider names
 * them, what each restart loaded per partition (snapshot, then deltas, up to the version of the
 * last committed batch) and the state data source's table for the chosen batch id.
 */
import type { Checkpoint } from '../../structured/runtime/executor';
import type { FtRun } from './frames';
import { asProviderFiles, recoveryPlan, stateRowsAt, type StoreLayout } from './state-store-files';

export function drawRecovery(
	run: FtRun,
	layout: StoreLayout,
	history: readonly Checkpoint[],
	inspectBatchId: number | undefined
): void {
	const files = asProviderFiles(run.files, layout);
	run.files.splice(0, run.files.length, ...files);
	run.recoveries = run.restarts.flatMap((r) => {
		if (run.restartRefused && r === run.restarts.at(-1)) return [];
		const replay = run.batches.find((b) => b.startMs >= r.startMs);
		const committed = run.files
			.filter((f) => f.path.startsWith('commits/') && f.atMs <= r.stopMs)
			.map((f) => f.batchId);
		const version = committed.length > 0 ? Math.max(...committed) + 1 : 0;
		const before = run.files.filter((f) => f.atMs <= r.stopMs);
		return [
			{
				startMs: r.startMs,
				endMs: replay?.endMs ?? r.startMs,
				partitions: recoveryPlan(before, version, layout)
			}
		];
	});
	run.stateTable =
		inspectBatchId === undefined
			? null
			: (() => {
					const rows = stateRowsAt(history, inspectBatchId, run.shufflePartitions);
					return rows ? { batchId: inspectBatchId, rows } : null;
				})();
}
