/**
 * The driver-and-executors view (advanced-01) of the batch under the cursor, a pure function of
 * the frame: the driver's phases as a strip sized by their durationMs, and the executors' cores
 * as Gantt rows with the batch's tasks (read tasks per Kafka partition, stateful tasks per shuffle
 * partition with the state versions they read and write, the store loads, the re-run tasks and
 * the lost executor). Everything comes from the batch's internals; nothing is recomputed.
 */
import type { FtBatch, FtFrame, InternalsTask } from '$sim/kinds/fault-tolerance';

/** What the driver does in each durationMs phase (the run lists them in MicroBatchExecution's order). */
const DOES: Readonly<Record<string, string>> = {
	latestOffset: 'ask Kafka for the latest offsets',
	walCommit: 'write offsets/N',
	getBatch: 'bind the offset ranges',
	queryPlanning: 'plan the incremental execution',
	addBatch: 'run the job on the executors, the sink adds batch N',
	commitOffsets: 'write commits/N'
};

export type SegmentStatus = 'done' | 'active' | 'pending' | 'never';

export interface DriverSegment {
	readonly key: string;
	readonly ms: number;
	readonly does: string;
	readonly status: SegmentStatus;
}

export interface CoreRow {
	readonly key: string;
	readonly label: string;
	readonly y: number;
	readonly lost: boolean;
	/** Where the row's executor was lost (x), if it was in this batch. */
	readonly lostX: number | null;
}

export interface TaskBar {
	readonly key: string;
	readonly kind: 'read' | 'state' | 'retry';
	readonly x: number;
	readonly w: number;
	readonly y: number;
	/** The store load at the bar's start (width; 0 when the store was already there). */
	readonly loadW: number;
	readonly label: string;
	readonly title: string;
}

export interface InternalsView {
	readonly batchId: number;
	readonly replay: boolean;
	readonly segments: readonly DriverSegment[];
	readonly totalMs: number;
	readonly rows: readonly CoreRow[];
	readonly bars: readonly TaskBar[];
	readonly ticks: readonly { readonly x: number; readonly label: string }[];
	readonly cursorX: number | null;
	readonly width: number;
	readonly height: number;
	readonly labelWidth: number;
	readonly facts: {
		readonly readTasks: number;
		readonly stateTasks: number;
		readonly cores: number;
		readonly idleInStateStage: number;
		readonly loads: number;
		readonly retried: number;
		readonly lostExecutor: number | null;
	};
}

export const ROW_H = 18;
const TOP = 4;
const AXIS_H = 16;

function title(t: InternalsTask): string {
	const where = `executor ${t.executor}, core ${t.core}, ${t.endMs - t.startMs} ms, ${t.rows} rows`;
	if (t.stage === 'read')
		return `${t.retry ? 'Re-run of the read task' : 'Read task'} for Kafka partition ${t.partition} (${where})${t.lost ? '; its executor was lost after it, with its shuffle output' : ''}`;
	return `Stateful task for shuffle partition ${t.partition}: reads state version ${t.reads}, writes ${t.writes} (${where})${t.loadMs > 0 ? `; first ${t.loadMs} ms loading the store from ${t.loadFiles.join(', ') || 'the checkpoint'}` : ''}`;
}

/** The cores of the executors alive when the batch started, in executor then core order. */
function coresOf(b: FtBatch) {
	const i = b.internals;
	if (!i) return [];
	return i.executors
		.filter((e) => e.lostAtMs === null || e.lostAtMs > b.startMs)
		.flatMap((e) => Array.from({ length: e.cores }, (_, core) => ({ e, core })));
}

export function internalsView(frame: FtFrame, width = 640): InternalsView | null {
	const b = frame.batches.filter((x) => x.internals).at(-1) ?? null;
	const i = b?.internals;
	if (!b || !i) return null;
	const elapsed = frame.t - b.startMs;
	const diedAt = b.failed !== null && b.failed !== 'executorLost' ? b.endMs - b.startMs : null;
	let from = 0;
	const keys = Object.keys(i.durationMs).filter((k) => k !== 'triggerExecution');
	const segments: DriverSegment[] = keys.map((key) => {
		const ms = i.durationMs[key] ?? 0;
		const start = from;
		from += ms;
		const status: SegmentStatus =
			diedAt !== null && start >= diedAt
				? 'never'
				: elapsed >= start + ms
					? 'done'
					: elapsed >= start
						? 'active'
						: 'pending';
		return { key, ms, does: DOES[key] ?? key, status };
	});
	const cores = coresOf(b);
	const labelWidth = 118;
	const tasks = i.tasks;
	const t0 = Math.min(...tasks.map((t) => t.startMs), b.endMs) - b.startMs;
	const t1 = Math.max(...tasks.map((t) => t.endMs), b.startMs + t0 + 1) - b.startMs;
	const span = Math.max(1, t1 - t0);
	const plot = width - labelWidth - 8;
	const x = (rel: number) => labelWidth + ((rel - t0) / span) * plot;
	const rowIndex = new Map(cores.map((c, k) => [`${c.e.id}:${c.core}`, k]));
	const rows: CoreRow[] = cores.map((c, k) => ({
		key: `${c.e.id}:${c.core}`,
		label: `executor ${c.e.id} · core ${c.core}`,
		y: TOP + k * ROW_H,
		lost: c.e.lostAtMs !== null,
		lostX: c.e.lostAtMs !== null && c.e.lostAtMs <= b.endMs ? x(c.e.lostAtMs - b.startMs) : null
	}));
	const bars: TaskBar[] = tasks.map((t, k) => {
		const left = x(t.startMs - b.startMs);
		const w = Math.max(2, x(t.endMs - b.startMs) - left);
		return {
			key: `${k}`,
			kind: t.stage === 'state' ? 'state' : t.retry ? 'retry' : 'read',
			x: left,
			w,
			y: TOP + (rowIndex.get(`${t.executor}:${t.core}`) ?? 0) * ROW_H + 2,
			loadW: t.loadMs > 0 ? Math.min(w, (t.loadMs / span) * plot) : 0,
			label: t.stage === 'state' ? `s${t.partition} v${t.reads}→${t.writes}` : `p${t.partition}`,
			title: title(t)
		};
	});
	const step = span <= 100 ? 20 : span <= 250 ? 50 : 100;
	const ticks = [];
	for (let v = Math.ceil(t0 / step) * step; v <= t1; v += step)
		ticks.push({ x: x(v), label: `${v} ms` });
	const stateStart = Math.min(
		...tasks.filter((t) => t.stage === 'state').map((t) => t.startMs),
		Infinity
	);
	const busyInState = new Set(
		tasks.filter((t) => t.stage === 'state').map((t) => `${t.executor}:${t.core}`)
	);
	const aliveInState = cores.filter(
		(c) => c.e.lostAtMs === null || c.e.lostAtMs > stateStart
	).length;
	const height = TOP + rows.length * ROW_H + AXIS_H;
	return {
		batchId: b.batchId,
		replay: b.replay,
		segments,
		totalMs: i.durationMs.triggerExecution,
		rows,
		bars,
		ticks,
		cursorX: elapsed >= t0 && elapsed <= t1 ? x(elapsed) : null,
		width,
		height,
		labelWidth,
		facts: {
			readTasks: i.readTasks,
			stateTasks: i.stateTasks,
			cores: cores.length,
			idleInStateStage: Number.isFinite(stateStart)
				? Math.max(0, aliveInState - busyInState.size)
				: 0,
			loads: tasks.filter((t) => t.loadMs > 0).length,
			retried: tasks.filter((t) => t.retry).length,
			lostExecutor: i.lost?.executor ?? null
		}
	};
}
