/**
 * The `socket` source (SPARK-SEMANTICS.md R7.4; TextSocketMicroBatchStream): a background thread
 * appends each received line to a buffer; the offset is the index of the last line received
 * (−1 before the first), so a trigger reads every line that arrived before it started. Lines
 * come from a seeded generator: Poisson arrivals at linesPerSecond, words from a small vocabulary.
 */
import type { Rng } from '../core/rng';
import type { ProcTimeMs } from '../core/time';
import type { MicroBatchSource } from './source';

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
