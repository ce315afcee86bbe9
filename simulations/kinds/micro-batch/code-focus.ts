/**
 * The code behind what SIM-1 shows at the playback cursor, phase by phase of the batch then
 * running (R1.2): while it is triggered and asks the source for its latest offset, the
 * `.trigger(...)` line (or, without one, nothing: the default trigger has no line); while
 * offsets/N is logged and the rows are fetched, the `readStream ... load()` chain with its
 * options; from addBatch until the next trigger, the `outputMode(...)` line, which decides what
 * the sink received.
 */
import type { BatchRecord, Trace } from '../../microbatch/trace';
import type { MicroBatchSpans } from './run';

export interface MicroBatchFocus {
	readonly kind: 'trigger' | 'source' | 'outputMode';
	readonly line: number;
	readonly endLine: number;
	readonly label: string;
}

function batchAt(trace: Trace, t: number): BatchRecord | null {
	let found: BatchRecord | null = null;
	for (const b of trace.batches) if (b.triggerAt <= t) found = b;
	return found;
}

export function microBatchFocusAt(
	trace: Trace,
	spans: MicroBatchSpans,
	t: number
): MicroBatchFocus[] {
	const b = batchAt(trace, t);
	if (!b) return [];
	const n = b.batchId;
	const phase =
		b.phases.find((p) => p.startMs <= t && t < p.startMs + p.durationMs)?.phase ?? 'done';
	const out: MicroBatchFocus[] = [];
	if (phase === 'latestOffset' && spans.trigger) {
		out.push({ kind: 'trigger', ...spans.trigger, label: `trigger: batch ${n} starts` });
	} else if (
		(phase === 'walCommit' || phase === 'getBatch' || phase === 'queryPlanning') &&
		spans.source
	) {
		const label = `offsets/${n} logged: batch ${n} reads ${b.numInputRows} row${b.numInputRows === 1 ? '' : 's'} (${b.startOffset ?? 'none'} → ${b.endOffset})`;
		out.push({ kind: 'source', ...spans.source, label });
	} else if (spans.outputMode && b.numOutputRows > 0 && phase !== 'latestOffset') {
		const label = `outputMode ${trace.query.outputMode}: the sink receives ${b.numOutputRows} row${b.numOutputRows === 1 ? '' : 's'} from batch ${n}`;
		out.push({ kind: 'outputMode', ...spans.outputMode, label });
	}
	return out.map(({ kind, line, endLine, label }) => ({ kind, line, endLine, label }));
}
