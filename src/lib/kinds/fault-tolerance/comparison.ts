/**
 * The ledger against a failure-free run of the same seed (basic-14), as the view shows it: a pure
 * function of the run at the cursor. The numbers are the engine's (FtRun.comparison); this only
 * decides when they are shown (once the failure has played out: the re-run, or the batch that
 * lost an executor, has finished) and what they mean in words.
 */
import type { FtFrame, FtRun } from '$sim/kinds/fault-tolerance';

export type Verdict = 'exactly-once' | 'duplicates' | 'lost';

export interface ComparisonView {
	/** Whether the cursor is past the failure's outcome (before it: the numbers stay hidden). */
	readonly shown: boolean;
	readonly expectedRows: number;
	readonly missing: number;
	readonly unexpected: number;
	readonly duplicates: number;
	readonly expectedInput: number;
	readonly input: number;
	readonly verdict: Verdict;
	readonly sentence: string;
	/** The executor loss inside a batch, if this run had one: the batch and its re-run tasks. */
	readonly executorLoss: {
		readonly batchId: number;
		readonly tasks: number;
		readonly atMs: number;
	} | null;
}

/** When the failure's outcome is known: the end of the first clean attempt of the failed batch. */
export function outcomeAtMs(run: FtRun): number {
	const failed = run.batches.find((b) => b.failed !== null);
	if (!failed) return 0;
	if (failed.failed === 'executorLost') return failed.endMs;
	const after = run.batches.find(
		(b) => b.batchId === failed.batchId && b.startMs > failed.startMs && b.failed === null
	);
	return after?.endMs ?? run.endMs;
}

export function comparisonView(run: FtRun, frame: FtFrame): ComparisonView | null {
	const c = run.comparison;
	if (!c) return null;
	const lostInput = c.expectedInput - c.input;
	const verdict: Verdict =
		c.missing > 0 || lostInput > 0 ? 'lost' : c.duplicates > 0 ? 'duplicates' : 'exactly-once';
	const sentence =
		verdict === 'lost'
			? `Data lost: the query never read ${lostInput} of the ${c.expectedInput} records, so ${c.missing} of the ${c.expectedRows} rows are missing (${c.unexpected} written with other values instead). The source could not replay.`
			: verdict === 'duplicates'
				? `At-least-once: every row is there, and ${c.duplicates} of them twice. The source replayed exactly; the sink wrote the re-run again.`
				: `Exactly-once: the output equals the failure-free run’s (${c.expectedRows} rows, none missing, none twice).`;
	const lost = run.batches.find((b) => b.failed === 'executorLost');
	return {
		shown: frame.t >= outcomeAtMs(run),
		...c,
		verdict,
		sentence,
		executorLoss: lost
			? { batchId: lost.batchId, tasks: lost.tasksRerun, atMs: lost.startMs }
			: null
	};
}
