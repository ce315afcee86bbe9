/**
 * The code behind what happens at the playback cursor. The batch at the cursor is the last one
 * started by then; while it runs, it reads its rows and assigns them to windows (R3.1: the
 * `window(...)` expression); once it ends (R1.2 step 4), the sink has its output (the
 * `outputMode(...)` decides what that is, R4.3) and the watermark it computed is in commits/N
 * (the `withWatermark(...)` delay, R2.3). Those facts stay in focus until the next trigger.
 */
import type { EtBatch, EtRun, EtSpan } from './frames';
import { seconds } from './markers';

export type CodeFocusKind = 'window' | 'outputMode' | 'watermark';

export interface CodeFocus {
	readonly kind: CodeFocusKind;
	/** 1-based, inclusive. */
	readonly line: number;
	readonly endLine: number;
	/** What the construct did in this batch. */
	readonly label: string;
}

/** The batch whose work the cursor at `t` shows: the last one started by `t`. */
export function batchAt(run: EtRun, t: number): EtBatch | null {
	let found: EtBatch | null = null;
	for (const b of run.batches) if (b.startMs <= t) found = b;
	return found;
}

/** Highlights for the program at cursor `t`, in program order. */
export function codeFocusAt(run: EtRun, t: number): CodeFocus[] {
	const spans = run.spans;
	const b = batchAt(run, t);
	if (!spans || !b) return [];
	const n = b.batchId;
	const out: CodeFocus[] = [];
	const focus = (kind: CodeFocusKind, s: EtSpan, label: string) =>
		out.push({ kind, line: s.line, endLine: s.endLine, label });

	const assigned = run.events.filter((e) => e.batchId === n && e.windows.length > 0);
	if (spans.window && assigned.length > 0) {
		const windows = new Set(assigned.flatMap((e) => e.windows)).size;
		const rows = `${assigned.length} row${assigned.length === 1 ? '' : 's'}`;
		focus(
			'window',
			spans.window,
			`batch ${n} assigns ${rows} to ${windows} window${windows === 1 ? '' : 's'}`
		);
	}
	if (t >= b.endMs) {
		if (spans.outputMode && b.output.length > 0) {
			const rows = `${b.output.length} row${b.output.length === 1 ? '' : 's'}`;
			focus(
				'outputMode',
				spans.outputMode,
				`outputMode ${run.outputMode}: batch ${n} wrote ${rows} to the sink`
			);
		}
		if (b.nextWatermarkMs > b.watermarkMs) {
			const label = `watermark ${seconds(b.watermarkMs)} → ${seconds(b.nextWatermarkMs)} after batch ${n}, used from batch ${n + 1}`;
			for (const s of spans.watermarks) focus('watermark', s, label);
		}
	}
	return out.sort((a, z) => a.line - z.line);
}
