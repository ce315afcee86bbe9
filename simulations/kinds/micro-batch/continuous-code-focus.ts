/**
 * The code behind a continuous run at the playback cursor (R1.4.6): when an epoch commits, the
 * `.trigger(continuous=...)` line, whose value is that epoch (checkpoint) interval and not a
 * batch; after a failure, until the restart, nothing runs and nothing is highlighted.
 */
import type { ContinuousTrace } from '../../microbatch/continuous';
import type { MicroBatchFocus } from './code-focus';
import type { MicroBatchSpans } from './run';

/** How long after a commit the line stays highlighted, at most (half the interval if shorter). */
const HOLD_MS = 600;

export function continuousFocusAt(
	trace: ContinuousTrace,
	spans: MicroBatchSpans,
	t: number
): MicroBatchFocus[] {
	if (!spans.trigger) return [];
	const hold = Math.min(HOLD_MS, trace.config.epochIntervalMs / 2);
	let latest: { epoch: number; commitMs: number; rows: number } | null = null;
	for (const e of trace.epochs) {
		if (e.commitMs === null || e.commitMs > t || t >= e.commitMs + hold) continue;
		if (!latest || e.commitMs > latest.commitMs)
			latest = { epoch: e.epoch, commitMs: e.commitMs, rows: e.rows };
	}
	if (!latest) return [];
	const every = trace.config.epochIntervalMs;
	const label = `epoch ${latest.epoch} committed (${latest.rows} row${latest.rows === 1 ? '' : 's'}): the trigger's ${every} ms is the checkpoint interval, not a batch`;
	return [{ kind: 'trigger', line: spans.trigger.line, endLine: spans.trigger.endLine, label }];
}
