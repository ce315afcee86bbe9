/**
 * What the event-time views draw, derived from an engine run: every input row with its arrival
 * (processing time), event time and fate; every micro-batch with the watermark it ran with and
 * what it emitted; every window (state row) with its running aggregate and when it was emitted
 * and evicted. `frameAt` cuts the run at a playback cursor: the UI never recomputes semantics,
 * it only reads what the engine decided.
 */
import type { SourceOffset } from '../../structured/runtime/stream-inputs';
import type { StreamingQueryProgress } from '../../structured/runtime/progress';

export interface EtEvent {
	readonly id: string;
	readonly stream: string;
	readonly key: string;
	readonly eventTimeMs: number;
	readonly arrivalMs: number;
	/** The micro-batch that read it (null: it arrived after the last batch of the run). */
	readonly batchId: number | null;
	/** Dropped by the watermark (Spark's numRowsDroppedByWatermark). */
	readonly dropped: boolean;
	/** Dropped by a deduplication: its key was already in state (a copy of an earlier row). */
	readonly duplicate?: boolean;
	/** The windows (ids) the engine assigned it to; empty when dropped or not windowed. */
	readonly windows: readonly string[];
}

export interface EtBatch {
	readonly batchId: number;
	readonly startMs: number;
	readonly endMs: number;
	/** The watermark this batch ran with (computed by the previous batch; -Infinity while it is
	 *  still Spark's initial 0, i.e. no watermark yet). */
	readonly watermarkMs: number;
	/** The watermark this batch computed, used from the next batch on. */
	readonly nextWatermarkMs: number;
	readonly numInputRows: number;
	readonly numRowsDroppedByWatermark: number;
	readonly numStateRows: number;
	/** A batch run only because the watermark moved (no new input). */
	readonly noData: boolean;
	/** Rows the sink received from this batch, in the output's column order. */
	readonly output: readonly (readonly unknown[])[];
	/** Each input's own watermark after this batch (the engine's per-operator tracking, R2.3), in
	 *  the order the program declares them; -Infinity for an input that has seen no row yet (it
	 *  counts as 0, which under `min` holds the global watermark at 0). Absent without any
	 *  withWatermark and in hand-built runs. */
	readonly inputWatermarks?: readonly EtInputWatermark[];
	/** The engine's StreamingQueryProgress for this batch (SPARK-SEMANTICS R1.6), as
	 *  `query.recentProgress` holds it: rates, batchDuration, eventTime, and per stateful operator
	 *  (`stateOperators`, sink first) numRowsTotal/Updated/Removed/DroppedByWatermark. Absent in
	 *  hand-built runs and for a batch the run ended inside. */
	readonly progress?: StreamingQueryProgress;
	/** offsets/N as written before the batch ran (R1.2 2d): each input's end offset. Absent when
	 *  the batch was replayed from an existing log entry (R1.3) or in hand-built runs. */
	readonly offsetLog?: Readonly<Record<string, SourceOffset>>;
	/** commits/N was written once the sink had the batch (R1.2 step 4). */
	readonly committed?: boolean;
}

export interface EtInputWatermark {
	/** The simulated stream (the page's name for the topic) the withWatermark reads. */
	readonly stream: string;
	readonly ms: number;
}

export type WindowState = 'open' | 'updated' | 'emitted' | 'evicted';

export interface EtWindowUpdate {
	readonly batchId: number;
	/** The aggregate's value(s) after this batch, formatted for display. */
	readonly label: string;
	readonly count: number;
}

export interface EtWindow {
	readonly id: string;
	readonly key: string;
	readonly startMs: number;
	readonly endMs: number;
	readonly updates: readonly EtWindowUpdate[];
	/** Batch whose output carried this window for the last time in append mode. */
	readonly emittedBatch: number | null;
	/** Batch that removed this window's state (watermark passed its end). */
	readonly evictedBatch: number | null;
	/** Session windows: the batch whose rows merged this session into a larger one, after which
	 *  it is no state row of its own (the larger session is). */
	readonly mergedBatch?: number | null;
}

/** One input row's life in a stream-stream join's buffer (StreamingSymmetricHashJoinExec). */
export interface EtJoinRow {
	/** The input event (EtEvent.id). */
	readonly id: string;
	readonly side: 'left' | 'right';
	/** The batch that stored it in its side's buffer (null: never stored, e.g. dropped late). */
	readonly storedBatch: number | null;
	/** The batch whose state watermark removed it. */
	readonly evictedBatch: number | null;
	/** The batch that wrote its row with NULLs (an outer side's row evicted unmatched). */
	readonly nullBatch: number | null;
}

export interface EtJoin {
	/** The streams read by the join's left and right inputs. */
	readonly left: string;
	readonly right: string;
	readonly rows: readonly EtJoinRow[];
	/** Joined pairs by the batch that wrote them (event ids). */
	readonly pairs: readonly {
		readonly left: string;
		readonly right: string;
		readonly batchId: number;
	}[];
	/** Per batch, the event time each side's buffer evicts below (virtual ms; null: never). */
	readonly bounds: readonly {
		readonly batchId: number;
		readonly left: number | null;
		readonly right: number | null;
	}[];
}

export interface EtRun {
	readonly events: readonly EtEvent[];
	readonly batches: readonly EtBatch[];
	readonly windows: readonly EtWindow[];
	readonly outputColumns: readonly string[];
	readonly outputMode: 'append' | 'update' | 'complete';
	readonly delayMs: number | null;
	/** Processing time the run covers. */
	readonly endMs: number;
	/** A stream-stream join's two buffers, when the program has one. */
	readonly join?: EtJoin;
	/** Where the program says what the run does (for highlighting the code behind an event). */
	readonly spans?: EtCodeSpans;
}

/** Lines of a program construct, 1-based, inclusive: a call that wraps keeps all its lines. */
export interface EtSpan {
	readonly line: number;
	readonly column: number;
	readonly endLine: number;
}

export interface EtCodeSpans {
	/** Every `withWatermark(...)` call (several inputs can each declare one). */
	readonly watermarks: readonly EtSpan[];
	/** The `.outputMode(...)` call, when the program writes one (Spark's default is append). */
	readonly outputMode: EtSpan | null;
	/** The `window(...)` / `session_window(...)` grouping expression of the aggregation. */
	readonly window: EtSpan | null;
}

export interface EtWindowAt {
	readonly window: EtWindow;
	readonly state: WindowState;
	readonly latest: EtWindowUpdate | null;
}

export interface EtFrame {
	readonly t: number;
	readonly arrived: readonly EtEvent[];
	/** Batches finished by t. */
	readonly done: readonly EtBatch[];
	/** The batch running at t, if any. */
	readonly running: EtBatch | null;
	/** The global watermark at t: -Infinity before the first batch and while it is Spark's
	 *  initial 0 (the views say "none yet" and draw no line). */
	readonly watermarkMs: number;
	/** Each input's own watermark at t (from the last finished batch); empty before any. */
	readonly inputWatermarks: readonly EtInputWatermark[];
	readonly windows: readonly EtWindowAt[];
	/** The last finished batch's sink rows. */
	readonly lastOutput: EtBatch | null;
}

/** What a frame holds that changes only when a batch ends: the batches done, the windows as they
 *  left, the last batch's output and per-input watermarks. */
interface AfterBatches {
	readonly done: readonly EtBatch[];
	readonly windows: readonly EtWindowAt[];
	readonly last: EtBatch | null;
}

/** The latest AfterBatches per run, by how many batches are done: two cursors inside one batch
 *  get the same arrays, so a view that reads only these (the windows, the state store, the
 *  progress charts) is not laid out again while the cursor plays through a batch (at 20x that
 *  was every frame: issue 10's frame budget). One entry per run: scrubbing back recomputes. */
const afterBatchesOf = new WeakMap<
	EtRun,
	{ readonly count: number; readonly value: AfterBatches }
>();

function afterBatches(run: EtRun, t: number): AfterBatches {
	// Batches done only accumulate as t grows, so their count names the set.
	let count = 0;
	for (const b of run.batches) if (b.endMs <= t) count++;
	const hit = afterBatchesOf.get(run);
	if (hit?.count === count) return hit.value;
	const done = run.batches.filter((b) => b.endMs <= t);
	const last = done.at(-1) ?? null;
	const lastId = last?.batchId ?? -1;
	const windows: EtWindowAt[] = [];
	for (const w of run.windows) {
		const seen = w.updates.filter((u) => u.batchId <= lastId);
		if (seen.length === 0) continue;
		if (w.mergedBatch != null && w.mergedBatch <= lastId) continue;
		const latest = seen.at(-1) ?? null;
		// Append mode emits a window and evicts its state in the same batch: that batch shows it
		// as emitted (final), later ones as evicted.
		const emitted = w.emittedBatch !== null && w.emittedBatch <= lastId;
		const evicted = w.evictedBatch !== null && w.evictedBatch <= lastId;
		let state: WindowState = 'open';
		if (evicted && !(emitted && w.emittedBatch === lastId)) state = 'evicted';
		else if (emitted) state = 'emitted';
		else if (latest && latest.batchId === lastId) state = 'updated';
		windows.push({ window: w, state, latest });
	}
	const value = { done, windows, last };
	afterBatchesOf.set(run, { count, value });
	return value;
}

const NO_INPUT_WATERMARKS: readonly EtInputWatermark[] = [];

/** The run as seen at processing time `t`: a batch's effects appear when it ends. */
export function frameAt(run: EtRun, t: number): EtFrame {
	const { done, windows, last } = afterBatches(run, t);
	const running = run.batches.find((b) => b.startMs <= t && t < b.endMs) ?? null;
	const watermarkMs = running?.watermarkMs ?? last?.nextWatermarkMs ?? Number.NEGATIVE_INFINITY;
	return {
		t,
		arrived: run.events.filter((e) => e.arrivalMs <= t),
		done,
		running,
		watermarkMs,
		inputWatermarks: last?.inputWatermarks ?? NO_INPUT_WATERMARKS,
		windows,
		lastOutput: last
	};
}

/** Processing time at which the batch after the one running (or last finished) at `t` ends:
 *  where "step one batch" moves the cursor. */
export function nextBatchEnd(run: EtRun, t: number): number {
	const next = run.batches.find((b) => b.endMs > t);
	return next ? next.endMs : run.endMs;
}

/** Where "step back" moves the cursor: the end of the batch before the last finished one. */
export function previousBatchEnd(run: EtRun, t: number): number {
	const done = run.batches.filter((b) => b.endMs < t);
	return done.at(-1)?.endMs ?? 0;
}
