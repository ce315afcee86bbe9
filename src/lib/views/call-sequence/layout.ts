/**
 * The call-sequence view's layout (advanced-09): the calls Spark makes for one batch, one row
 * each, in order, placed in the lane of whoever runs them (the driver, the executors' tasks, the
 * checkpoint's files, the query itself for a crash or restart), numbered in order. Calls already
 * made are drawn solid, the rest of the batch faded, so the whole
 * sequence is visible from the start and the cursor walks down it.
 */
import type { ProtocolCall } from '$sim/kinds/custom-protocol';

export type Lane = 'driver' | 'executor' | 'checkpoint' | 'query';

export const LANES: readonly { lane: Lane; label: string }[] = [
	{ lane: 'driver', label: 'driver' },
	{ lane: 'executor', label: 'executors (a task each)' },
	{ lane: 'checkpoint', label: 'checkpoint' }
];

export interface SeqRow {
	readonly seq: number;
	readonly lane: Lane;
	readonly x: number;
	readonly y: number;
	readonly width: number;
	/** Its place in the batch's sequence, from 1. */
	readonly n: number;
	/** What was called, then what it returned, cut to fit the lane. */
	readonly text: string;
	readonly state: 'done' | 'current' | 'pending';
	/** A log entry Spark writes (offsets/N, commits/N) rather than a method of the program. */
	readonly log: boolean;
}

export interface SeqLayout {
	readonly width: number;
	readonly height: number;
	readonly lanes: readonly { lane: Lane; label: string; x: number; width: number }[];
	readonly rows: readonly SeqRow[];
}

export const ROW_H = 22;
const HEAD = 26;
/** Pixels per character of the 11.5 px monospace the rows use. */
const CHAR_W = 7;
/** Each lane's share of the width. */
const SHARE: Readonly<Record<Lane, readonly [number, number]>> = {
	driver: [0, 0.44],
	executor: [0.44, 0.78],
	checkpoint: [0.78, 1],
	query: [0, 1]
};

const cut = (text: string, chars: number): string =>
	text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;

/** `calls` are one batch attempt's calls in order; `shown` how many of them have been made. */
export function layoutSequence(
	calls: readonly ProtocolCall[],
	shown: number,
	width: number
): SeqLayout {
	const pad = 4;
	const lanes = LANES.map(({ lane, label }) => {
		const [a, b] = SHARE[lane];
		return { lane, label, x: a * width, width: (b - a) * width };
	});
	const rows: SeqRow[] = calls.map((c, i) => {
		const lane: Lane = c.side;
		const [a, b] = SHARE[lane];
		const x = a * width + pad;
		const w = (b - a) * width - 2 * pad;
		const log = c.side === 'checkpoint';
		const what = log ? `${c.call} ${c.result}` : c.result ? `${c.call} → ${c.result}` : c.call;
		const numbered = `${i + 1}. ${what}`;
		return {
			seq: c.seq,
			n: i + 1,
			lane,
			x,
			y: HEAD + i * ROW_H,
			width: w,
			text: cut(numbered, Math.floor((w - 8) / CHAR_W)),
			state: i < shown - 1 ? 'done' : i === shown - 1 ? 'current' : 'pending',
			log
		};
	});
	return { width, height: HEAD + rows.length * ROW_H + 4, lanes, rows };
}
