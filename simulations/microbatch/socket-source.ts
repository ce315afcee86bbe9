/**
 * The `socket` source (SPARK-SEMANTICS.md R7.4; TextSocketMicroBatchStream): a background thread
 * appends each received line to a buffer; the offset is the index of the last line received
 * (−1 before the first), so a trigger reads every line that arrived before it started. Lines
 * come from a seeded generator (Poisson arrivals at linesPerSecond, words from a small
 * vocabulary) or are typed by hand, turn by turn, as the guide types them into `nc -lk 9999`.
 */
import type { Rng } from '../core/rng';
import type { ProcTimeMs } from '../core/time';
import type { MicroBatchSource } from './source';
import { nextBatchTime } from '../structured/runtime/trigger-policy';

export const VOCABULARY = ['spark', 'stream', 'batch', 'state', 'query', 'table', 'row', 'sink'];

export interface SocketLine {
	readonly id: number;
	readonly atMs: ProcTimeMs;
	readonly text: string;
}

export interface SocketSpec {
	readonly linesPerSecond: number;
	readonly wordsPerLine: number;
	readonly fromMs: ProcTimeMs;
	readonly untilMs: ProcTimeMs;
}

/** Seeded lines: exponential gaps (a Poisson process) and uniformly drawn words. */
export function socketLines(spec: SocketSpec, rng: Rng): SocketLine[] {
	const lines: SocketLine[] = [];
	const meanGapMs = 1000 / spec.linesPerSecond;
	let t = spec.fromMs as number;
	for (;;) {
		// 1 − next() is in (0, 1], so the log is finite.
		t += -Math.log(1 - rng.next()) * meanGapMs;
		const at = Math.round(t);
		if (at > spec.untilMs) return lines;
		const words: string[] = [];
		for (let w = 0; w < spec.wordsPerLine; w++) {
			words.push(VOCABULARY[rng.int(VOCABULARY.length)] ?? 'spark');
		}
		lines.push({ id: lines.length, atMs: at as ProcTimeMs, text: words.join(' ') });
	}
}

/** Lines typed into the socket by hand: each turn is read by a batch of its own. */
export interface TypedLinesSpec {
	/** The lines of each turn, in order. */
	readonly turns: readonly (readonly string[])[];
	/** The query starts and its source connects to the socket. */
	readonly fromMs: ProcTimeMs;
	/** processingTime interval; 0 for the default, once and availableNow triggers. */
	readonly triggerIntervalMs: number;
	/** Virtual 0 on the epoch clock, where the trigger grid is aligned. */
	readonly epochOffsetMs: number;
}

/** A person types a line about once a second; a turn never comes sooner than this after the last. */
export const TYPING_GAP_MS = 1000;

/** Time between two turns: whole trigger intervals, at least TYPING_GAP_MS. */
export const typingGapMs = (triggerIntervalMs: number): number =>
	triggerIntervalMs > 0
		? triggerIntervalMs * Math.ceil(TYPING_GAP_MS / triggerIntervalMs)
		: TYPING_GAP_MS;

/**
 * When each typed line reaches the socket. Turn 0 was typed before the query started: nc holds it
 * until the source connects, so it is there at the first trigger and batch 0 reads it (a fresh
 * socket source runs batch 0 even when empty, so a line typed later would be batch 1's). Turn
 * i ≥ 1 arrives in the middle of its own trigger interval, TYPING_GAP_MS or more after the one
 * before: the tick that ends the interval reads it, and only it. A batch that overruns its
 * interval starts the next at once, which then still finds only the turn that came before it.
 *
 *   ticks      |         |         |         |
 *   start  ^ turn 0
 *   turn 1               ·
 *   turn 2                         ·
 * @example typedSocketLines({ turns: [['apache spark'], ['apache hadoop']], fromMs: 640, triggerIntervalMs: 1000, epochOffsetMs: 0 })
 * // → 'apache spark' at 640, 'apache hadoop' at 1500
 */
export function typedSocketLines(spec: TypedLinesSpec): SocketLine[] {
	const interval = spec.triggerIntervalMs;
	const gap = typingGapMs(interval);
	// Where turn 1's interval begins: the end of the one the query started in (under the default
	// trigger, which polls without a grid, a typing gap after the start).
	const firstTick =
		interval > 0
			? nextBatchTime(spec.fromMs + spec.epochOffsetMs, interval) - spec.epochOffsetMs
			: spec.fromMs + gap;
	const lines: SocketLine[] = [];
	spec.turns.forEach((turn, i) => {
		const at = i === 0 ? spec.fromMs : firstTick + (i - 1) * gap + interval / 2;
		// A turn's lines reach the socket together (pasted, not typed apart): a trigger between two
		// of them, which an overrunning batch or the default trigger's polling may start at any
		// instant, would split the turn over two batches.
		const atMs = Math.round(at) as ProcTimeMs;
		for (const text of turn) lines.push({ id: lines.length, atMs, text });
	});
	return lines;
}

export function socketSource(lines: readonly SocketLine[]): MicroBatchSource {
	return {
		description: 'TextSocketV2[host: localhost, port: 9999]',
		initialOffset: -1,
		supportsAvailableNow: false,
		latestOffset(now) {
			let last = -1;
			for (const line of lines) {
				if (line.atMs > now) break;
				last = line.id;
			}
			return last;
		},
		read(start, end) {
			// One socket partition: the lines live in the driver's buffer.
			return lines.slice(start + 1, end + 1).map((l) => ({
				id: l.id,
				value: l.id,
				timestampMs: l.atMs,
				partition: 0,
				text: l.text
			}));
		}
	};
}
