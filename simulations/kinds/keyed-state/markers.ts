/**
 * What happened in a keyed-state run, on the processing-time axis, each naming Spark's rule:
 * every batch (with data, or run only to check timeouts), each key whose timeout fired, and the
 * query failing.
 */
import type { SimMarker } from '../kind';
import type { KsRun } from './frames';

export const RULES = {
	batch:
		'Each batch loads the operator’s state at version N, applies its rows and commits version N+1; the next batch starts from it (SPARK-SEMANTICS R5.1).',
	noData:
		'ProcessingTimeTimeout: the operator asks for a batch at every trigger, with or without data, to check deadlines; EventTimeTimeout: when the watermark moved (FlatMapGroupsWithStateExec.shouldRunAnotherBatch, R5.3).',
	timeout:
		'A key with no rows in a batch whose time (processing time, or the watermark under EventTimeTimeout) is past its timeout is called once with hasTimedOut = True and no rows, after the keys with data (R5.3).',
	failure: 'The batch failed: it is not committed and the query stops (R1.3).'
};

const s = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;

export function markersOf(run: KsRun): SimMarker[] {
	const out: SimMarker[] = [];
	for (const b of run.batches) {
		out.push({
			id: `batch-${b.batchId}`,
			atMs: b.triggerMs,
			kind: b.noData ? 'noData' : 'batch',
			label: b.noData
				? `batch ${b.batchId} at ${s(b.triggerMs)}: no new rows, run to check timeouts`
				: `batch ${b.batchId} at ${s(b.triggerMs)}: ${b.numInputRows} rows, ${b.state.length} keys in state`,
			rule: b.noData ? RULES.noData : RULES.batch
		});
		for (const c of b.calls)
			if (c.hasTimedOut)
				out.push({
					id: `timeout-${b.batchId}-${c.key}`,
					atMs: b.triggerMs,
					kind: 'timeout',
					label: `batch ${b.batchId}: ${c.key} timed out, ${c.emitted.length} row${c.emitted.length === 1 ? '' : 's'} emitted`,
					rule: RULES.timeout
				});
	}
	if (run.failure)
		out.push({
			id: 'failure',
			atMs: run.failure.atMs,
			kind: 'failure',
			label: 'the query failed',
			rule: RULES.failure
		});
	return out.sort((a, b) => a.atMs - b.atMs);
}
