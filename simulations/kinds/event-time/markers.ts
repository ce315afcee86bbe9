/**
 * What happened in a run, as markers on the processing-time axis, each naming the Spark rule
 * that fired, in the order of one trigger (SPARK-SEMANTICS R1.2): the trigger plans batch N and
 * writes offsets/N; the batch drops late rows (R4.4), emits (R4.3) and evicts state (R4.6); at
 * its end the watermark advances (R2.3) and commits/N is written. A batch's effects are placed at
 * its end, where `frameAt` shows them, so seeking to a marker shows what it names.
 */
import type { EtBatch, EtRun } from './frames';

export type MarkerKind =
	'trigger' | 'offsets' | 'dropped' | 'emitted' | 'evicted' | 'watermark' | 'commit';

/** The kinds in the order one trigger produces them. */
export const MARKER_KINDS: readonly MarkerKind[] = [
	'trigger',
	'offsets',
	'dropped',
	'emitted',
	'evicted',
	'watermark',
	'commit'
];

export interface Marker {
	/** Unique in the run: `<kind>-<batchId>`. */
	readonly id: string;
	readonly atMs: number;
	readonly kind: MarkerKind;
	readonly batchId: number;
	/** What happened, with this run's numbers. */
	readonly label: string;
	/** The Spark rule that fired, in Spark's words, with its SPARK-SEMANTICS.md section. */
	readonly rule: string;
}

/** Virtual ms as seconds; a watermark before any data is -∞ (Spark's 0 before the epoch). */
export function seconds(ms: number): string {
	if (!Number.isFinite(ms)) return 'none';
	const s = ms / 1000;
	return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** Every marker of a run, by time, and within one instant in the order of the trigger loop. */
export function markersOf(run: EtRun): Marker[] {
	const out: Marker[] = [];
	for (const b of run.batches) out.push(...batchMarkers(run, b));
	const rank = (k: MarkerKind) => MARKER_KINDS.indexOf(k);
	return out.sort(
		(a, z) => a.atMs - z.atMs || a.batchId - z.batchId || rank(a.kind) - rank(z.kind)
	);
}

function batchMarkers(run: EtRun, b: EtBatch): Marker[] {
	const n = b.batchId;
	const at = (kind: MarkerKind, atMs: number, label: string, rule: string): Marker => ({
		id: `${kind}-${n}`,
		atMs,
		kind,
		batchId: n,
		label,
		rule
	});
	const out: Marker[] = [
		b.noData
			? at('trigger', b.startMs, `no-data batch ${n} planned (no new input)`, RULES.noDataBatch)
			: at('trigger', b.startMs, `batch ${n} planned: ${b.numInputRows} new rows`, RULES.trigger)
	];
	if (b.offsetLog) {
		const ends = Object.entries(b.offsetLog).map(([topic, o]) => `${topic} up to ${o}`);
		out.push(at('offsets', b.startMs, `offsets/${n} written: ${ends.join(', ')}`, RULES.offsets));
	}
	if (b.numRowsDroppedByWatermark > 0) {
		const windowed = run.windows.length > 0;
		const what = windowed ? 'late groups (window + key)' : 'late rows';
		out.push(
			at(
				'dropped',
				b.endMs,
				`batch ${n} dropped ${b.numRowsDroppedByWatermark} ${what}: numRowsDroppedByWatermark = ${b.numRowsDroppedByWatermark}`,
				windowed ? RULES.droppedWindow : RULES.droppedRow
			)
		);
	}
	if (b.output.length > 0)
		out.push(at('emitted', b.endMs, emittedLabel(run, b), RULES[run.outputMode]));
	const evicted = run.windows.filter((w) => w.evictedBatch === n);
	if (evicted.length > 0) {
		const names = evicted.map((w) => `[${seconds(w.startMs)}, ${seconds(w.endMs)}) ${w.key}`);
		const rule = run.outputMode === 'append' ? RULES.evictedAppend : RULES.evictedUpdate;
		out.push(
			at(
				'evicted',
				b.endMs,
				`batch ${n} evicted ${plural(evicted.length, 'window')} from state: ${names.join('; ')}`,
				rule
			)
		);
	}
	if (b.nextWatermarkMs > b.watermarkMs) {
		const label = `batch ${n} moved the watermark ${seconds(b.watermarkMs)} → ${seconds(b.nextWatermarkMs)}, used from batch ${n + 1}`;
		out.push(at('watermark', b.endMs, label, RULES.watermark));
	}
	if (b.committed) {
		const label = `commits/${n} written: nextBatchWatermarkMs = ${seconds(b.nextWatermarkMs)}`;
		out.push(at('commit', b.endMs, label, RULES.commit));
	}
	return out;
}

function emittedLabel(run: EtRun, b: EtBatch): string {
	const rows = plural(b.output.length, 'row');
	if (run.outputMode === 'complete')
		return `batch ${b.batchId} wrote the whole result table: ${rows}`;
	if (run.outputMode === 'update') return `batch ${b.batchId} wrote ${rows} changed this batch`;
	const final = run.windows.filter((w) => w.emittedBatch === b.batchId);
	if (final.length === 0) return `batch ${b.batchId} wrote ${rows} (append)`;
	const names = final.map((w) => `[${seconds(w.startMs)}, ${seconds(w.endMs)}) ${w.key}`);
	return `batch ${b.batchId} emitted ${plural(final.length, 'final window')}: ${names.join('; ')}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One sentence per rule, Spark's vocabulary, with the SPARK-SEMANTICS.md section. */
export const RULES = {
	trigger:
		'R1.2: a trigger constructs batch N when a source has new data, stamping batchWatermarkMs and batchTimestampMs, then runs it.',
	noDataBatch:
		'R1.5: with no new data, a batch still runs when the new watermark lets a stateful operator emit or evict state (shouldRunAnotherBatch).',
	offsets:
		'R1.2 step 2d: offsets/N, the write-ahead log of the offsets batch N reads, is durable before any output of batch N.',
	droppedWindow:
		'R4.4: a row is dropped as late when its window has closed, window.end ≤ the late-event watermark (the previous batch’s, R2.6); numRowsDroppedByWatermark counts groups.',
	droppedRow:
		'R4.4: a row whose event time ≤ the late-event watermark (the previous batch’s, R2.6) is dropped before it reaches state.',
	append:
		'R4.3: append mode outputs a window once, when the eviction watermark reaches its end (window.end ≤ batchWatermarkMs), and removes it from state.',
	update:
		'R4.3: update mode outputs every row of the result table this batch changed, with its new aggregate.',
	complete: 'R4.3: complete mode outputs every state row each batch and never evicts.',
	evictedAppend:
		'R4.6: state rows whose window.end ≤ the eviction watermark (this batch’s batchWatermarkMs) are removed; append mode emits them as they go.',
	evictedUpdate:
		'R4.6: state rows whose window.end ≤ the eviction watermark (this batch’s batchWatermarkMs) are removed without being output.',
	watermark:
		'R2.3: the watermark is max event time − delay, computed at the end of batch N, written to commits/N and used from batch N+1; it never moves back.',
	commit:
		'R1.2 step 4: commits/N is written after the sink finished batch N, with nextBatchWatermarkMs, the watermark batch N+1 runs with.'
} as const;
