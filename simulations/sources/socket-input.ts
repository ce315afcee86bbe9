/**
 * The `socket` source as a handle that outlives runs (like inputs.ts's): the lines a client sends
 * to `nc -lk 9999`, and one TextSocketMicroBatchStream per (re)start (R7.4). The stream keeps the
 * lines it received in the driver's memory; a new instance connects empty, so what the old one
 * held, and what was sent while no query listened, is gone: the source is not replayable.
 *
 * Offsets: Spark's new instance counts its lines from −1 again, and its planInputPartitions slices
 * its own (empty) buffer for the re-run batch; here the new instance counts on from the offset the
 * checkpoint holds (`offsetBase`), so the offset log stays monotonic and readable. Either way the
 * re-run batch reads none of its lines: they lived only in the dead driver.
 */
import type { ProcTimeMs } from '../core/time';
import type { InputRow, MicroBatchSource } from '../microbatch/source';
import type { SourceClock, StreamingSource } from './contract';
import { LongOffsetSourceAdapter } from './legacy-adapter';

export interface SentLine {
	/** Its place in everything the client sent (0-based), whichever instance received it. */
	readonly seq: number;
	readonly atMs: number;
	readonly text: string;
}

/** One connection of the source: when it connected, and the offset its first line follows. */
export interface SocketConnection {
	readonly connectMs: number;
	readonly offsetBase: number;
	/** The lines this connection received, in order: offset `offsetBase + 1 + i` is `lines[i]`. */
	readonly lines: readonly SentLine[];
}

export class SocketInput {
	readonly connections: SocketConnection[] = [];

	constructor(
		private readonly sent: readonly SentLine[],
		private readonly clock: SourceClock
	) {}

	/** A fresh source connecting now; `offsetBase` is the end offset the checkpoint holds (−1 first). */
	start(offsetBase = -1): { ok: true; source: StreamingSource<unknown> } {
		const connectMs = this.clock.nowMs();
		const lines = this.sent.filter((l) => l.atMs >= connectMs);
		this.connections.push({ connectMs, offsetBase, lines });
		const inner: MicroBatchSource = {
			description: 'TextSocketV2[host: localhost, port: 9999]',
			initialOffset: offsetBase,
			supportsAvailableNow: false,
			latestOffset: (now) => offsetBase + lines.filter((l) => l.atMs <= now).length,
			read: (start, end) =>
				lines
					.slice(Math.max(0, start - offsetBase), Math.max(0, end - offsetBase))
					.map((l): InputRow => ({
						id: l.seq,
						value: l.seq,
						timestampMs: l.atMs as ProcTimeMs,
						partition: 0,
						text: l.text
					}))
		};
		return {
			ok: true,
			source: new LongOffsetSourceAdapter(inner, this.clock, false, 'socket')
		};
	}

	/** The lines offsets (start, end] of the connection that read them stand for. */
	linesOf(start: number, end: number): SentLine[] {
		const c = this.connections.at(-1);
		if (c === undefined) return [];
		return c.lines.slice(Math.max(0, start - c.offsetBase), Math.max(0, end - c.offsetBase));
	}
}
