/**
 * DStream batches as a grid (SIM-2): one column per batch interval, one row per DStream of the
 * program's lineage (input, per-batch, window, state). A box is one RDD; it fills block by block
 * while its interval runs, shows its partitions as stripes, and its elements once the batch's
 * job is done. The window bracket spans the batches a window RDD was built from; state arrows
 * hand each state RDD to the next batch. Pure: run, frame and width in, geometry out.
 */
import type { DsFrame, DsFrameBatch, DsPhase, DsRow, DsRun } from '$sim/kinds/dstream';
import { secondsLabel } from '../format';

export const COL_MIN = 118;
export const COL_GAP = 10;
const SIDE = 4;
const AXIS_H = 34;
const ROW_HEAD = 20;
const ROW_GAP = 12;
const BRACKET_H = 22;
const LINE_H = 15;
const PAD = 6;
/** Element lines a box shows before "+n more". */
export const MAX_LINES = 5;
const STRIPE_H = 8;
const BOX_H = PAD + LINE_H * (MAX_LINES + 1) + PAD + STRIPE_H + PAD;

export interface CellBox {
	readonly key: string;
	readonly x: number;
	readonly y: number;
	readonly w: number;
	readonly h: number;
	readonly phase: DsPhase;
	/** The DStream has an RDD here (a window between slides has none). */
	readonly present: boolean;
	readonly title: string;
	readonly lines: readonly string[];
	readonly stripes: readonly { readonly x: number; readonly w: number }[];
	readonly stripeY: number;
	readonly checkpointed: boolean;
}

export interface RowBand {
	readonly nodeId: number;
	readonly kind: DsRow['kind'];
	readonly y: number;
	readonly label: string;
}

export interface BatchColumn {
	readonly key: string;
	readonly batchTime: number;
	/** Run by a restarted driver for a time before its restart. */
	readonly rerun: boolean;
	readonly x: number;
	readonly w: number;
	readonly label: string;
	readonly status: string;
	readonly phase: DsPhase;
}

export interface DStreamGeometry {
	readonly width: number;
	readonly height: number;
	readonly columns: readonly BatchColumn[];
	readonly rows: readonly RowBand[];
	readonly cells: readonly CellBox[];
	readonly bracket: {
		readonly x0: number;
		readonly x1: number;
		readonly y: number;
		readonly label: string;
	} | null;
	readonly arrows: readonly { readonly key: string; readonly d: string }[];
	/** Where the driver died: between the first driver's last column and the restarted one's. */
	readonly crash: { readonly x: number; readonly label: string } | null;
}

/** A batch's key in the view: the restarted driver's batches may repeat a batch time. */
const keyOf = (b: DsFrameBatch) => `${b.batch.batchTime}${b.batch.attempt === 1 ? 'r' : ''}`;

/** How many batch columns fit: at least one, at most the batches visible. */
export function columnsThatFit(width: number, batches: number): number {
	const fit = Math.max(1, Math.floor((width - 2 * SIDE + COL_GAP) / (COL_MIN + COL_GAP)));
	return Math.max(1, Math.min(fit, batches));
}

const ROW_BLURB: Record<DsRow['kind'], string> = {
	input: 'input DStream: one RDD per batch, a partition per receiver block',
	batch: 'per batch: this batch’s RDD only',
	window: 'window over batches',
	state: 'state: an RDD handed from batch to batch'
};

export function rowLabel(row: DsRow, batchMs: number): string {
	const blurb =
		row.kind === 'window' && row.windowMs !== undefined
			? `window: the last ${row.windowMs / batchMs} batches (${secondsLabel(row.windowMs)}), every ${secondsLabel(row.slideMs)}`
			: ROW_BLURB[row.kind];
	return `${row.name} = ….${row.op}(…) · ${blurb}`;
}

/** The full row label where it fits, else the DStream's name and call, else its name. */
export function labelThatFits(row: DsRow, batchMs: number, chars: number): string {
	const full = rowLabel(row, batchMs);
	if (full.length <= chars) return full;
	const call = `${row.name} = ….${row.op}(…)`;
	return fit(call.length <= chars ? call : row.name, chars);
}

function statusOf(b: DsFrameBatch): string {
	const x = b.batch;
	switch (b.phase) {
		case 'filling':
			return `receiving · ${b.received} so far`;
		case 'queued':
			return 'queued: waiting for the previous job';
		case 'running':
			return `running · waited ${secondsLabel(x.schedulingDelay)}`;
		case 'done':
			return `waited ${secondsLabel(x.schedulingDelay)} · took ${secondsLabel(x.processingDelay)}`;
	}
}

/** The first column shown: the newest batches, but never hiding the last finished one (when
 *  batches queue up, the last result stays in view beside the queue). */
export function firstVisible(frame: DsFrame, n: number): number {
	const len = frame.batches.length;
	const lastDone = frame.batches.findLastIndex((b) => b.phase === 'done');
	return Math.max(0, lastDone >= 0 ? Math.min(len - n, lastDone) : len - n);
}

/** Partition stripes: widths proportional to partition sizes, a hairline for an empty one. */
export function stripes(
	sizes: readonly number[],
	x: number,
	w: number
): { x: number; w: number }[] {
	const total = sizes.reduce((a, b) => a + b, 0);
	const gap = 2;
	const usable = w - gap * Math.max(0, sizes.length - 1);
	let at = x;
	return sizes.map((n) => {
		const sw = total > 0 ? Math.max(2, (usable * n) / total) : usable / sizes.length;
		const s = { x: at, w: Math.max(0, Math.min(sw, x + w - at)) };
		at += sw + gap;
		return s;
	});
}

/** titleChars: characters of the bold title that fit the box. */
function cellContent(run: DsRun, b: DsFrameBatch, i: number, titleChars: number) {
	const cell = b.batch.cells[i];
	const row = run.rows[i];
	if (!cell || !row)
		return { present: false, title: '', lines: [] as string[], sizes: [] as number[] };
	if (row.kind === 'input') {
		// While the interval runs only the blocks cut so far exist; their lines come first.
		const sizes = b.blocks.map((k) => k.records);
		const shown = b.phase === 'filling' ? cell.records.slice(0, b.received) : cell.records;
		const n = b.phase === 'filling' ? b.received : cell.count;
		const long = `${n} lines · ${sizes.length} blocks`;
		const title = long.length <= titleChars ? long : `${n} lines`;
		return { present: true, title, lines: clip(shown, n), sizes };
	}
	if (b.phase !== 'done') {
		return {
			present: cell.present,
			title: b.phase === 'filling' ? '' : b.phase === 'queued' ? 'not computed yet' : 'computing…',
			lines: [],
			sizes: []
		};
	}
	if (!cell.present)
		return { present: false, title: 'no RDD (between slides)', lines: [], sizes: [] };
	return {
		present: true,
		title: `${cell.count} ${cell.count === 1 ? 'element' : 'elements'}`,
		lines: clip(cell.records, cell.count),
		sizes: [...cell.partitionSizes]
	};
}

/** Monospace characters that fit a box of width w at the view's 12 px font. */
export const charsFor = (w: number): number => Math.max(4, Math.floor((w - 2 * PAD) / 7.3));

/** Shortens a line to `chars` characters, marking the cut. */
export const fit = (s: string, chars: number): string =>
	s.length <= chars ? s : `${s.slice(0, Math.max(1, chars - 1))}…`;

function clip(records: readonly string[], total: number): string[] {
	if (total <= MAX_LINES) return records.slice(0, MAX_LINES);
	return [...records.slice(0, MAX_LINES - 1), `+${total - (MAX_LINES - 1)} more`];
}

export function layoutDStream(run: DsRun, frame: DsFrame, width: number): DStreamGeometry {
	const n = columnsThatFit(width, frame.batches.length);
	const visible = frame.batches.slice(firstVisible(frame, n), firstVisible(frame, n) + n);
	const colW = Math.max(COL_MIN, (width - 2 * SIDE - COL_GAP * (n - 1)) / Math.max(1, n));
	const xOf = (k: number) => SIDE + k * (colW + COL_GAP);
	const columns: BatchColumn[] = visible.map((b, k) => ({
		key: keyOf(b),
		batchTime: b.batch.batchTime,
		rerun: b.batch.rerun,
		x: xOf(k),
		w: colW,
		label: `batch ${secondsLabel(b.batch.batchTime)}${b.batch.rerun ? ' · re-run' : ''}`,
		status: fit(statusOf(b), Math.floor(colW / 6.4)),
		phase: b.phase
	}));
	const rows: RowBand[] = [];
	const cells: CellBox[] = [];
	let y = AXIS_H;
	let bracket: DStreamGeometry['bracket'] = null;
	const arrows: { key: string; d: string }[] = [];
	run.rows.forEach((row, i) => {
		const label = labelThatFits(row, run.batchMs, Math.floor((width - 2 * SIDE) / 7.6));
		rows.push({ nodeId: row.nodeId, kind: row.kind, y, label });
		const boxY = y + ROW_HEAD;
		visible.forEach((b, k) => {
			const c = cellContent(run, b, i, Math.floor((colW - 2 * PAD) / 7.6));
			const x = xOf(k);
			const stripeY = boxY + BOX_H - PAD - STRIPE_H;
			cells.push({
				key: `${row.nodeId}@${keyOf(b)}`,
				x,
				y: boxY,
				w: colW,
				h: BOX_H,
				phase: b.phase,
				present: c.present,
				title: fit(c.title, charsFor(colW) - (b.batch.cells[i]?.checkpointed ? 5 : 0)),
				lines: c.lines.map((l) => fit(l, charsFor(colW))),
				stripes: stripes(c.sizes, x + PAD, colW - 2 * PAD),
				stripeY,
				checkpointed: b.phase === 'done' && (b.batch.cells[i]?.checkpointed ?? false)
			});
			const prev = visible[k - 1];
			const handedOn = prev?.batch.attempt === b.batch.attempt;
			if (row.kind === 'state' && prev && handedOn && prev.phase === 'done' && b.phase === 'done') {
				const my = boxY + BOX_H / 2;
				arrows.push({
					key: `${row.nodeId}@${keyOf(b)}`,
					d: `M${x - COL_GAP - 1},${my}L${x + 1},${my}`
				});
			}
		});
		y = boxY + BOX_H;
		if (row.kind === 'window' && frame.window?.row.nodeId === row.nodeId) {
			const inView = columns.filter((c) => frame.window?.batchTimes.includes(c.batchTime));
			const first = inView[0];
			const last = inView.at(-1);
			if (first && last) {
				const count = frame.window.batchTimes.length;
				bracket = {
					x0: first.x,
					x1: last.x + last.w,
					y: y + 4,
					label: `window at ${secondsLabel(Math.max(...frame.window.batchTimes))}: ${count} batch${count === 1 ? '' : 'es'}`
				};
			}
			y += BRACKET_H;
		}
		y += ROW_GAP;
	});
	return {
		width,
		height: y,
		columns,
		rows,
		cells,
		bracket,
		arrows,
		crash: crashOf(run, visible, xOf)
	};
}

function crashOf(
	run: DsRun,
	visible: readonly DsFrameBatch[],
	xOf: (k: number) => number
): DStreamGeometry['crash'] {
	const k = visible.findIndex((b) => b.batch.attempt === 1);
	if (!run.restart || k < 1) return null;
	return {
		x: xOf(k) - COL_GAP / 2,
		label: `driver died at ${secondsLabel(run.restart.failAtMs)}, back at ${secondsLabel(run.restart.restartAtMs)}`
	};
}

/** The current facts in words, for the SVG's aria-label. */
export function describeDStream(run: DsRun, frame: DsFrame): string {
	const last = frame.done.at(-1);
	const parts = [`Batch interval ${secondsLabel(run.batchMs)}; ${frame.done.length} batches done`];
	if (last) {
		parts.push(
			`last batch ${secondsLabel(last.batchTime)}: ${last.numRecords} lines, scheduling delay ${secondsLabel(last.schedulingDelay)}, processing ${secondsLabel(last.processingDelay)}`
		);
		run.rows.forEach((row, i) => {
			const c = last.cells[i];
			if (row.kind === 'input' || !c?.present) return;
			parts.push(`${row.name}: ${c.records.join(', ')}`);
		});
	}
	if (frame.window)
		parts.push(`window covers batches ${frame.window.batchTimes.map(secondsLabel).join(', ')}`);
	if (frame.queued > 0) parts.push(`${frame.queued} batch${frame.queued === 1 ? '' : 'es'} queued`);
	return parts.join('. ') + '.';
}
