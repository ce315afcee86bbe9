/**
 * The sink panel of a sources-and-sinks run at the cursor, a pure function of the run and its
 * frame: which output modes the sink accepts (the one the program asks for marked), what each
 * batch's write did (written, written again by a replay, skipped because the sink already had
 * the batch), and the newest rows a reader of the sink sees, with the ledger's duplicate count.
 * A foreachBatch function that writes each batch to several places gets a lane per target
 * instead of one list: the same replay appended again to one and replaced in another.
 * Everything is read from the run (the engine's sink snapshots); nothing is recomputed here.
 */
import type { SsFrame, SsRun } from '$sim/kinds/source-sink';

export interface ModeBadge {
	readonly mode: string;
	readonly accepted: boolean;
	/** The program's output mode. */
	readonly current: boolean;
}

export interface SinkWrite {
	readonly batchId: number;
	readonly attempt: number;
	readonly status: 'written' | 'replayed' | 'skipped' | 'failed';
	readonly delivered: number;
	/** The batch died after this write, before commits/N. */
	readonly uncommitted: boolean;
	readonly label: string;
}

/** What the sink is called on the page; its Spark class name follows it. */
export const SINK_NAMES: Readonly<Record<string, string>> = {
	kafka: 'Kafka sink',
	file: 'file sink',
	console: 'console sink',
	memory: 'memory sink',
	foreach: 'foreach sink',
	foreachBatch: 'foreachBatch sink',
	table: 'table sink'
};

/** One place a foreachBatch function writes to, and what each batch's call did there. */
export interface TargetLane {
	readonly target: string;
	/** How the function writes there (the last call's save mode): append or overwrite. */
	readonly mode: 'append' | 'overwrite' | null;
	readonly writes: readonly SinkWrite[];
	/** Rows a reader of this target sees, and the deliveries beyond the first. */
	readonly visible: number;
	readonly duplicates: number;
}

export interface SinkPanel {
	readonly name: string;
	readonly modes: readonly ModeBadge[];
	/** The newest writes first would hide the crash: oldest first, the last `maxWrites`. */
	readonly writes: readonly SinkWrite[];
	readonly columns: readonly string[];
	readonly rows: readonly (readonly string[])[];
	/** Per row: the replay's second copy of a row already delivered. */
	readonly copies: readonly boolean[];
	readonly visible: number;
	readonly duplicates: number;
	/** Two or more targets of a foreachBatch function, a lane each (else empty: `writes` says it). */
	readonly targets: readonly TargetLane[];
}

const MODES = ['append', 'update', 'complete'] as const;
const rowsText = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

function writeOf(b: SsFrame['batches'][number]): SinkWrite {
	const s = b.sink;
	const status =
		s.status === 'skipped'
			? 'skipped'
			: s.status === 'failed'
				? 'failed'
				: b.attempt > 1
					? 'replayed'
					: 'written';
	const label =
		status === 'skipped'
			? `batch ${b.batchId} again: skipped (${s.note ?? 'already written'})`
			: status === 'replayed'
				? s.duplicated > 0 || s.delivered === 0
					? `batch ${b.batchId} again: ${rowsText(s.delivered)} written a second time`
					: `batch ${b.batchId} again: ${rowsText(s.delivered)} replaced its first write, no duplicate`
				: status === 'failed'
					? `batch ${b.batchId}: the write failed`
					: `batch ${b.batchId}: ${rowsText(s.delivered)}`;
	return {
		batchId: b.batchId,
		attempt: b.attempt,
		status,
		delivered: s.delivered,
		uncommitted: b.commitLog === null,
		label
	};
}

type Batch = SsFrame['batches'][number];

/** What batch `b`'s call wrote to `target`, or null when it wrote nothing there. */
function targetWriteOf(b: Batch, target: string): SinkWrite | null {
	const t = b.sink.targets.find((x) => x.target === target);
	if (!t || t.mode === null) return null;
	const again = b.attempt > 1;
	const label = !again
		? `batch ${b.batchId}: ${rowsText(t.wrote)}`
		: t.duplicated > 0
			? `batch ${b.batchId} again: ${rowsText(t.wrote)} appended a second time`
			: `batch ${b.batchId} again: ${rowsText(t.wrote)} replaced its first write, no duplicate`;
	return {
		batchId: b.batchId,
		attempt: b.attempt,
		status: again ? (t.duplicated > 0 ? 'replayed' : 'skipped') : 'written',
		delivered: t.wrote,
		uncommitted: b.commitLog === null,
		label
	};
}

function targetLanes(current: Batch | null, batches: readonly Batch[]): TargetLane[] {
	const targets = current?.sink.targets ?? [];
	if (targets.length < 2) return [];
	return targets.map((t) => ({
		target: t.target,
		// The newest call that wrote there (a batch without rows writes nowhere).
		mode:
			batches
				.findLast((b) => targetWriteOf(b, t.target) !== null)
				?.sink.targets.find((x) => x.target === t.target)?.mode ?? null,
		writes: batches.flatMap((b) => targetWriteOf(b, t.target) ?? []),
		visible: t.visible,
		duplicates: t.duplicates
	}));
}

export function sinkPanel(run: SsRun, frame: SsFrame, maxWrites = 16): SinkPanel {
	const current = frame.current;
	const targets = targetLanes(current, frame.batches.slice(-maxWrites));
	// Rows of several targets carry a column saying which one holds them.
	const rowTargets = targets.length > 0 ? [...(current?.sink.rowTargets ?? [])].reverse() : [];
	return {
		name: SINK_NAMES[run.sinkKind] ?? run.sinkKind,
		modes: MODES.map((mode) => ({
			mode,
			accepted: run.acceptedModes.includes(mode),
			current: run.outputMode === mode
		})),
		writes: frame.batches.slice(-maxWrites).map(writeOf),
		columns: targets.length > 0 ? ['target', ...run.sinkColumns] : run.sinkColumns,
		// Newest first: the rows the last batch (or its replay) added are the ones to look at.
		rows: [...(current?.sink.rows ?? [])]
			.reverse()
			.map((r, i) => (targets.length > 0 ? [rowTargets[i] ?? '', ...r] : r)),
		copies: [...(current?.sink.copies ?? [])].reverse(),
		visible: current?.sink.visible ?? 0,
		duplicates: current?.sink.duplicates ?? 0,
		targets
	};
}
