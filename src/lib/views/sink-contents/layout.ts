/**
 * The sink panel of a sources-and-sinks run at the cursor, a pure function of the run and its
 * frame: which output modes the sink accepts (the one the program asks for marked), what each
 * batch's write did (written, written again by a replay, skipped because the sink already had
 * the batch), and the newest rows a reader of the sink sees, with the ledger's duplicate count.
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

export function sinkPanel(run: SsRun, frame: SsFrame, maxWrites = 16): SinkPanel {
	const current = frame.current;
	return {
		name: SINK_NAMES[run.sinkKind] ?? run.sinkKind,
		modes: MODES.map((mode) => ({
			mode,
			accepted: run.acceptedModes.includes(mode),
			current: run.outputMode === mode
		})),
		writes: frame.batches.slice(-maxWrites).map(writeOf),
		columns: run.sinkColumns,
		// Newest first: the rows the last batch (or its replay) added are the ones to look at.
		rows: [...(current?.sink.rows ?? [])].reverse(),
		copies: [...(current?.sink.copies ?? [])].reverse(),
		visible: current?.sink.visible ?? 0,
		duplicates: current?.sink.duplicates ?? 0
	};
}
