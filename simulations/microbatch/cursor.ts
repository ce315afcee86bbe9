/**
 * Reading a trace at a playback cursor (STYLE.md house style 14): which batches have committed,
 * which one is running, and which rows exist by then. A row exists from its timestamp on; it is
 * *waiting* until a batch's trigger reads it, *in a batch* until that batch commits. Rate rows are
 * recomputed from the source spec (a run at 10 000 rows/s keeps no row list).
 */
import type { ProcTimeMs } from '../core/time';
import type { BatchRecord, Trace } from './trace';

export type RowStatus = 'waiting' | 'running' | 'committed';

export interface RowMark {
	readonly id: number;
	readonly timestampMs: number;
	readonly batchId: number | null;
	/** Partition it was read into; null while waiting (rate rows get theirs when a batch reads them). */
	readonly partition: number | null;
	readonly status: RowStatus;
}

export const committedCount = (trace: Trace, t: number): number =>
	trace.batches.filter((b) => b.commitAt <= t).length;

export const lastCommitted = (trace: Trace, t: number): BatchRecord | undefined =>
	trace.batches.findLast((b) => b.commitAt <= t);

export const runningAt = (trace: Trace, t: number): BatchRecord | undefined =>
	trace.batches.find((b) => b.triggerAt <= t && t < b.commitAt);

/** Where "step one batch" moves the cursor: the next commit after t. */
export const nextCommitAfter = (trace: Trace, t: number): ProcTimeMs | undefined =>
	trace.batches.find((b) => b.commitAt > t)?.commitAt;

/** Where "step back" moves the cursor: the commit before the last one at or before t. */
export const previousCommitBefore = (trace: Trace, t: number): ProcTimeMs | undefined =>
	trace.batches.findLast((b) => b.commitAt < t)?.commitAt;

const statusOf = (batch: BatchRecord | undefined, now: number): RowStatus =>
	!batch || batch.triggerAt > now ? 'waiting' : batch.commitAt <= now ? 'committed' : 'running';

/** How many rows one drawn mark stands for, so a window never holds more than `maxMarks`. */
export function sampleEvery(trace: Trace, windowMs: number, maxMarks: number): number {
	const src = trace.config.source;
	const perSecond = src.kind === 'rate' ? src.rowsPerSecond : src.linesPerSecond;
	let k = Math.max(1, Math.ceil((perSecond * windowMs) / 1000 / maxMarks));
	// A stride sharing a factor with numPartitions would sample one partition only (round-robin).
	if (src.kind === 'rate') while (k > 1 && gcd(k, src.numPartitions) !== 1) k++;
	return k;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Rows with a timestamp in [from, min(to, now)], every `every`-th one (by id, so marks are stable). */
export function rowsInWindow(
	trace: Trace,
	from: number,
	to: number,
	now: number,
	every: number
): RowMark[] {
	// After once/availableNow stop, the source is gone too: no more rows appear.
	const until = Math.min(to, now, trace.terminatedAt ?? Infinity);
	const src = trace.config.source;
	const out: RowMark[] = [];
	// A query the analyzer rejected never created its source: there are no rows to draw.
	if (until < from || trace.error !== null) return out;
	if (src.kind === 'socket') {
		for (const line of trace.lines) {
			if (line.atMs < from || line.atMs > until || line.id % every !== 0) continue;
			const batch = trace.batches.find(
				(b) => b.rowIds && b.rowIds[0] <= line.id && line.id <= b.rowIds[1]
			);
			const status = statusOf(batch, now);
			const read = status !== 'waiting';
			out.push({
				id: line.id,
				timestampMs: line.atMs,
				batchId: read ? (batch?.batchId ?? null) : null,
				partition: read ? 0 : null,
				status
			});
		}
		return out;
	}
	const rate = src.rowsPerSecond;
	const start = trace.queryStartMs;
	// Value v's timestamp is start + round(v·1000/rate) for a constant rate (R7.2), whichever batch reads it.
	const firstValue = Math.max(0, Math.ceil(((from - start) * rate) / 1000) - 1);
	for (let v = firstValue - (firstValue % every); ; v += every) {
		const ts = start + Math.round((v * 1000) / rate);
		if (ts > until) break;
		if (ts < from) continue;
		const second = Math.floor(v / rate);
		const batch = trace.batches.find((b) => (b.startOffset ?? 0) <= second && second < b.endOffset);
		const status = statusOf(batch, now);
		const partition =
			status === 'waiting' || !batch
				? null
				: (v - (batch.startOffset ?? 0) * rate) % src.numPartitions;
		const batchId = status === 'waiting' ? null : (batch?.batchId ?? null);
		out.push({ id: v, timestampMs: ts, batchId, partition, status });
	}
	return out;
}
