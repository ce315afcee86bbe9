/**
 * Spark tests a SIM-1 page replays over its socket (tests/conformance/spark holds each as JSON;
 * the browser cannot read that folder, so the rows live here and a unit test checks they equal
 * the JSON's). Each of the test's micro-batches is one turn of typing into `nc -lk 9999`: the
 * socket source reads it in a batch of its own (microbatch/socket-source.ts `typedSocketLines`).
 * A preset points at a replay through its `script` (`spark:<id>`, as the event-time pages do).
 */
import type { ReplayBatch } from '../event-time/spark-replay';
import { replayScript } from '../event-time/spark-replays';

export interface SocketReplay {
	/** The test's origin, as the preset's `reproduces.origin` names it. */
	readonly origin: string;
	/** The scenario's input the socket plays; its rows are `[value]`, one line each. */
	readonly input: string;
	/** The test's batches, in order, exactly as its `addData` steps give them. */
	readonly batches: readonly ReplayBatch[];
}

/** The programming guide's "Quick Example": two lines typed into netcat, one batch each. */
const guideQuickExample: SocketReplay = {
	origin: 'docs/streaming/getting-started.md, "Quick Example"',
	input: 'lines',
	batches: [{ lines: [['apache spark']] }, { lines: [['apache hadoop']] }]
};

const REPLAYS: readonly SocketReplay[] = [guideQuickExample];

/** The replay a preset's script names (undefined for none, or a script of another page). */
export function socketReplay(script: string | null | undefined): SocketReplay | undefined {
	return REPLAYS.find((r) => replayScript(r.origin) === script);
}

/** The lines the socket receives, one turn per test batch. */
export const typedTurns = (replay: SocketReplay): string[][] =>
	replay.batches.map((b) => (b[replay.input] ?? []).map((row) => String(row[0])));

export { replayScript };
