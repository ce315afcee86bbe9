/**
 * One sentence for the frame at `t`, the narration read after each batch: the last committed batch
 * (rows read, rows the sink got and, for an aggregation, what they are in the output mode's terms,
 * when it committed) or, in continuous processing, the epochs committed so far.
 */
import type { MicroBatchRun } from './run';
import { frameAt } from './frames';

const at = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function describeFrame(run: MicroBatchRun, t: number): string {
	const frame = frameAt(run, t);
	if (run.kind === 'continuous') {
		return `Continuous processing at ${at(t)}: ${frame.committed} ${frame.committed === 1 ? 'epoch' : 'epochs'} committed.`;
	}
	if (run.trace.error) return `The query never started: ${run.trace.error}.`;
	const b = frame.last;
	if (!b) return `At ${at(t)} no batch has committed yet.`;
	const behind = b.fallingBehind
		? '; it took longer than the trigger interval, so the next batch starts at once'
		: '';
	const mode = run.trace.query.outputMode;
	// What the sink's count is made of, in the output mode's terms (aggregations only).
	const of =
		b.state.length === 0
			? ''
			: mode === 'complete'
				? ` (complete mode: the whole result table, ${b.changed.length} of ${b.state.length} keys changed)`
				: mode === 'update'
					? ` (update mode: the ${b.changed.length} keys this batch changed)`
					: '';
	return `Batch ${b.batchId} committed at ${at(b.commitAt)}: ${b.numInputRows} ${b.numInputRows === 1 ? 'row' : 'rows'} read, ${b.numOutputRows} to the sink${of}${behind}.`;
}
