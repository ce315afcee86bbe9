/**
 * The Kafka log view's geometry, a pure function of a frame: one row per partition, offsets left
 * to right on one scale shared by every row (so a skewed partition is visibly longer); each
 * batch's [start, end) range a bar in its batch's colour; the retention cut (offsets before the
 * log start are gone), the producer's end, and the committed position as marks.
 */
import type { SsFrame } from '$sim/kinds/source-sink';

export interface LogRange {
	readonly batchId: number;
	/** 2 when the batch ran again after a crash before its commit (the same range). */
	readonly attempt: number;
	readonly x: number;
	readonly width: number;
	readonly colour: string;
	readonly from: number;
	readonly until: number;
	readonly current: boolean;
}

export interface LogRow {
	readonly partition: number;
	readonly y: number;
	/** Deleted by retention: [0, earliest). */
	readonly deletedWidth: number;
	readonly producerX: number;
	readonly committedX: number;
	readonly latest: number;
	readonly committed: number;
	readonly earliest: number;
	readonly lag: number;
	readonly ranges: readonly LogRange[];
}

export interface LogLayout {
	readonly width: number;
	readonly height: number;
	readonly left: number;
	readonly rowHeight: number;
	readonly maxOffset: number;
	readonly rows: readonly LogRow[];
	readonly ticks: readonly { x: number; label: string }[];
}

/** Okabe–Ito colours, batch by batch, so neighbouring batches never share one. */
const BATCH_COLOURS = [
	'var(--c-blue)',
	'var(--c-orange)',
	'var(--c-green)',
	'var(--c-purple, #cc79a7)',
	'var(--c-sky, #56b4e9)',
	'var(--c-yellow, #f0e442)'
];
export const batchColour = (batchId: number): string =>
	BATCH_COLOURS[batchId % BATCH_COLOURS.length] as string;

export function layoutLog(frame: SsFrame, maxOffset: number, width = 900): LogLayout {
	const left = 90;
	const rowHeight = 34;
	const top = 22;
	const span = Math.max(1, maxOffset);
	const x = (o: number) => left + ((width - left - 16) * o) / span;
	const rows = frame.partitions.map((p, i): LogRow => {
		const ranges: LogRange[] = [];
		for (const b of frame.batches) {
			const from = b.start[p.partition] ?? 0;
			const until = b.end[p.partition] ?? from;
			if (until <= from) continue;
			ranges.push({
				batchId: b.batchId,
				attempt: b.attempt,
				x: x(from),
				width: Math.max(1, x(until) - x(from)),
				colour: batchColour(b.batchId),
				from,
				until,
				current: b === frame.current
			});
		}
		return {
			partition: p.partition,
			y: top + i * rowHeight,
			deletedWidth: x(p.earliest) - left,
			producerX: x(p.latest),
			committedX: x(p.committed),
			latest: p.latest,
			committed: p.committed,
			earliest: p.earliest,
			lag: Math.max(0, p.latest - p.committed),
			ranges
		};
	});
	const step = niceStep(span);
	const ticks = [];
	for (let o = 0; o <= span; o += step) ticks.push({ x: x(o), label: String(o) });
	return {
		width,
		height: top + rows.length * rowHeight + 8,
		left,
		rowHeight,
		maxOffset: span,
		rows,
		ticks
	};
}

function niceStep(span: number): number {
	const raw = span / 6;
	const pow = 10 ** Math.floor(Math.log10(raw));
	for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
	return 10 * pow;
}
