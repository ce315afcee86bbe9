/**
 * The source's own picture at the cursor (basic-04): what has arrived (files landed, socket lines
 * sent, rate seconds passed, rate-micro-batch batch numbers asked for), each marked by what became
 * of it (waiting, read by batch N, read again after a restart, lost with the driver), and the
 * offset log in the source's terms, one line per batch run so far. Read from the run, never
 * recomputed.
 */
import type { SourceTrack, SsFrame, SsRun } from '$sim/kinds/source-sink';

export type UnitState = 'waiting' | 'read' | 'replayed' | 'lost';

export interface UnitCell {
	readonly id: string;
	readonly label: string;
	readonly state: UnitState;
	/** The batch that read it first (null: none yet, or lost). */
	readonly batch: number | null;
}

export interface LogLine {
	readonly key: string;
	readonly batchId: number;
	readonly attempt: number;
	readonly terms: string;
	readonly rows: number;
	readonly committed: boolean;
	readonly current: boolean;
}

export interface SourcePicture {
	readonly units: readonly UnitCell[];
	/** Units that arrived earlier than the ones shown (the picture keeps the latest `cap`, and
	 *  the lost ones). */
	readonly hidden: number;
	/** The offset log's latest `logRows` lines, and the crashed batch and its re-run. */
	readonly log: readonly LogLine[];
	/** Socket lines lost so far (0 before the restart shows it). */
	readonly lost: number;
}

export function layoutSource(
	run: SsRun,
	s: SourceTrack,
	frame: SsFrame,
	cap = 40,
	logRows = 8
): SourcePicture {
	const restarted = run.restarts.some((r) => r.startMs <= frame.t);
	const lost = new Set(restarted ? s.lost : []);
	const arrived = s.units.filter((u) => u.atMs <= frame.t);
	const cells = arrived.map((u): UnitCell => {
		const readers = frame.batches.filter((b) => b.read?.units.includes(u.id));
		const state: UnitState = lost.has(u.id)
			? 'lost'
			: readers.length > 1
				? 'replayed'
				: readers.length === 1
					? 'read'
					: 'waiting';
		return {
			id: u.id,
			label: u.id,
			state,
			batch: state === 'lost' ? null : (readers[0]?.batchId ?? null)
		};
	});
	const all = frame.batches.map((b): LogLine => ({
		key: `${b.batchId}-${b.attempt}`,
		batchId: b.batchId,
		attempt: b.attempt,
		terms: b.read?.terms ?? '',
		rows: b.numInputRows,
		committed: b.commitLog !== null,
		current: b === frame.current
	}));
	// The latest batches, and a crashed batch and its re-run however early (the story's point).
	const log = all.filter((l, i) => i >= all.length - logRows || !l.committed || l.attempt > 1);
	// The latest `cap`, and every lost one however early (the loss is the picture's point).
	const shown = cells.filter((c, i) => i >= cells.length - cap || c.state === 'lost');
	return {
		units: shown,
		hidden: cells.length - shown.length,
		log,
		lost: lost.size
	};
}
