/**
 * The text a `nc -lk 9999` user would type into the socket that `socketTextStream` reads
 * (QUESTIONS.md basic-03, GEN): seeded lines of a few words each, arriving as a Poisson process
 * at `linesPerSecond`. A socket is not replayable (SPARK-SEMANTICS R8.2): each line reaches the
 * receiver once, at its arrival time, and both the DStream and the Structured Streaming side are
 * fed the very same lines.
 */
import { createRng } from '../../core/rng';

export interface SocketLine {
	/** Virtual ms since zeroTime at which the line reaches the socket. */
	readonly atMs: number;
	readonly line: string;
}

/** A small vocabulary so the same words recur across batches and counts grow visibly. */
export const WORDS = ['spark', 'stream', 'rdd', 'batch', 'window'] as const;

/** `wordsPerLine` fixes each line's length (basic-02's parameter); without it a line holds
 *  one to three words. */
export function socketLines(
	linesPerSecond: number,
	durationMs: number,
	seed: number,
	wordsPerLine?: number
): SocketLine[] {
	const rng = createRng(seed);
	const out: SocketLine[] = [];
	if (!(linesPerSecond > 0)) return out;
	const meanGapMs = 1000 / linesPerSecond;
	let t = 0;
	for (;;) {
		// Exponential gaps; 1 - next() is in (0, 1], so the log is finite.
		t += -Math.log(1 - rng.next()) * meanGapMs;
		const atMs = Math.ceil(t);
		if (atMs > durationMs) break;
		const n = wordsPerLine ?? 1 + rng.int(3);
		const words = Array.from({ length: n }, () => WORDS[rng.int(WORDS.length)] ?? 'spark');
		out.push({ atMs, line: words.join(' ') });
	}
	return out;
}

/** The lines that reach the socket in (fromMs, toMs]: the engine's RecordSource contract. */
export function linesBetween(lines: readonly SocketLine[], fromMs: number, toMs: number): string[] {
	return lines.filter((l) => l.atMs > fromMs && l.atMs <= toMs).map((l) => l.line);
}
