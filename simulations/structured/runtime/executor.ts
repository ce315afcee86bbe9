/**
 * The micro-batch loop (MicroBatchExecution.constructNextBatch / runBatch; SPARK-SEMANTICS R1.2,
 * R1.3, R1.5, R2.3). A trigger constructs batch N when a source has new offsets or when the last
 * executed plan wants another batch for the new watermark (a no-data batch; never in complete
 * mode, never for stateless queries). offsets/N is written before the batch runs, with the
 * batch's watermark; the watermark computed from the batch's rows is written to commits/N after
 * the sink and takes effect from batch N+1. A restart restores offsets, state and watermark
 * from the checkpoint; per-node watermarks start empty (R2.5).
 */
import { withBatchTimestamp } from '../expr/batch-time';
import type { AnalyzedNode, AnalyzedQuery } from '../analyzer/types';
import {
	advanceWatermark,
	initialWatermark,
	type EventTimeStats,
	type WatermarkState
} from '../operators/watermark';
import { emptyMetrics, type BatchContext, type OperatorMetrics, type Row } from './context';
import type { CommitLogEntry, EngineEvent, OffsetLogEntry } from './events';
import type { MemoryStreams } from './memory-stream';
import { asStreamInputs, type SourceOffset, type StreamInputs } from './stream-inputs';
import type { SinkWriteOutcome, StreamingSink } from '../../sinks/contract';
import type { TriggerKind } from './trigger-policy';
import { buildPhysicalPlan, type PhysicalPlan } from './physical';
import { buildProgress, type StreamingQueryProgress } from './progress';
import type { RunBudget } from '../../core/budget';

export interface Checkpoint {
	readonly offsets: readonly OffsetLogEntry[];
	readonly commits: readonly CommitLogEntry[];
	/** Committed state per stateful operator id. */
	readonly state: Readonly<Record<number, unknown>>;
	/** Rows written so far by each append-mode limit, by plan node id. */
	readonly limits?: Readonly<Record<number, number>>;
}

export interface ExecutorOptions {
	/** Processing time (ms) of a trigger start: the simulation's clock, never the wall clock. */
	readonly clock: () => number;
	/** Modelled duration of a batch, ms (default: 0, so rates are rows / 1 ms). */
	readonly batchDurationMs?: (numInputRows: number) => number;
	readonly checkpoint?: Checkpoint;
	/** Also record every operator's committed state (its store snapshot) in each BatchRecord,
	 *  for a state-store view that scrubs through versions. Costs a copy of the state a batch. */
	readonly captureState?: boolean;
	readonly queryId?: string;
	readonly runId?: string;
	/** The run's work budget: a batch over it throws RunLimitExceeded (the page's runs have
	 *  one; the benchmark measures the bare engine). */
	readonly budget?: RunBudget;
	/** The sink the query writes to (sinks/), called once per executed batch before commits/N
	 *  (R1.2 step 3); a failed write fails the query and leaves the batch uncommitted. */
	readonly sink?: StreamingSink;
	/** This run's trigger when it is not the program's (a `startStream` trigger override). */
	readonly trigger?: TriggerKind;
	/** Epoch ms of virtual time 0: current_timestamp() is (this + batchTimestampMs) as a
	 *  timestamp (default 0). */
	readonly epochOffsetMs?: number;
	/** The sink's write of batch N (foreachBatch, a memory sink): called after the plan ran and
	 *  before commits/N. If it throws, or the plan throws (a user function raised), the batch
	 *  fails as in Spark: the query stops, commits/N is never written, and the checkpoint a
	 *  restart finds holds offsets/N and the state of batch N-1, so batch N re-runs with the same
	 *  id and offsets. (Setting this costs a state snapshot per batch.) */
	readonly deliver?: (batch: {
		readonly batchId: number;
		readonly rows: readonly Row[];
		readonly noData: boolean;
	}) => void;
	/** Per-source read limit (files per trigger): a batch takes at most this many new offsets. */
	readonly maxOffsetsPerTrigger?: (source: string) => number | undefined;
}

export interface BatchRecord {
	readonly batchId: number;
	readonly noData: boolean;
	readonly numInputRows: number;
	readonly batchWatermarkMs: number;
	readonly nextBatchWatermarkMs: number;
	readonly output: readonly Row[];
	/** Per stateful operator, source to sink. */
	readonly operators: readonly OperatorMetrics[];
	readonly progress: StreamingQueryProgress;
	readonly events: readonly EngineEvent[];
	/** With `captureState`: each operator's state after this batch (version batchId + 1). */
	readonly state?: readonly unknown[];
	/** What the sink did with this batch, when the query has one. */
	readonly sink?: SinkWriteOutcome;
	/** Per source, the offsets the batch read: (start, end] as offsets/N holds them. */
	readonly sourceOffsets: Readonly<
		Record<
			string,
			{ readonly start: SourceOffset | undefined; readonly end: SourceOffset | undefined }
		>
	>;
}

export class MicroBatchExecution {
	readonly plan: PhysicalPlan;
	private readonly offsets: OffsetLogEntry[];
	private readonly commits: CommitLogEntry[];
	private watermark: WatermarkState;
	/** batchWatermarkMs of the last executed batch: the late-event watermark of the next. */
	private prevBatchWatermarkMs: number;
	/** Eviction watermark each operator last ran with; null until a batch ran in this run. */
	private lastEviction: (number | null)[] | null = null;
	private prevTriggerMs: number | null = null;
	/** offsets/L of a batch planned but never committed before the restart: re-run first. */
	private replay: OffsetLogEntry | null = null;
	/** Set when a batch crashed before its commit: the checkpoint a restart would find. */
	private crashed: Checkpoint | null = null;
	/** A once/availableNow query that finished, or a query whose batch crashed. */
	stopped = false;

	/** EventTimeWatermark nodes over streams: on a batch DataFrame withWatermark is a no-op. */
	private readonly watermarkNodes: readonly { readonly nodeId: number; readonly delayMs: number }[];

	private readonly streams: StreamInputs;

	constructor(
		readonly query: AnalyzedQuery,
		streams: MemoryStreams | StreamInputs,
		private readonly options: ExecutorOptions
	) {
		this.streams = asStreamInputs(streams);
		this.plan = buildPhysicalPlan(query);
		const streamingIds = new Set<number>();
		const visit = (n: AnalyzedNode): void => {
			if (n.plan.op === 'EventTimeWatermark' && n.streaming) streamingIds.add(n.id);
			n.children.forEach(visit);
		};
		visit(query.root);
		this.watermarkNodes = query.watermarks
			.filter((w) => streamingIds.has(w.nodeId))
			.map((w) => ({ nodeId: w.nodeId, delayMs: w.delayMs }));
		const cp = options.checkpoint;
		this.offsets = cp ? [...cp.offsets] : [];
		this.commits = cp ? [...cp.commits] : [];
		const last = this.offsets[this.offsets.length - 1];
		const commit = this.commits[this.commits.length - 1];
		if (last !== undefined && (commit === undefined || commit.batchId < last.batchId)) {
			// R1.3, C == L-1: batch L re-runs with its recorded offsets, watermark and timestamp.
			this.replay = last;
			this.watermark = initialWatermark(last.batchWatermarkMs);
			this.prevBatchWatermarkMs = this.offsets[this.offsets.length - 2]?.batchWatermarkMs ?? 0;
		} else {
			// R1.3, C == L: the watermark is max(offsets/L watermark, commits/L nextBatchWatermarkMs).
			this.watermark = initialWatermark(
				Math.max(last?.batchWatermarkMs ?? 0, commit?.nextBatchWatermarkMs ?? 0)
			);
			this.prevBatchWatermarkMs = last?.batchWatermarkMs ?? 0;
		}
		for (const op of this.plan.stateful) {
			const snap = cp?.state[op.op.id];
			if (snap !== undefined) op.restore(snap);
		}
		for (const [id, c] of this.plan.limits) c.written = cp?.limits?.[id] ?? 0;
	}

	get nextBatchId(): number {
		const last = this.offsets[this.offsets.length - 1];
		return last === undefined ? 0 : last.batchId + 1;
	}

	get currentWatermarkMs(): number {
		return this.watermark.globalMs;
	}

	checkpoint(): Checkpoint {
		if (this.crashed !== null) return this.crashed;
		const state: Record<number, unknown> = {};
		for (const op of this.plan.stateful) state[op.op.id] = op.snapshot();
		const limits: Record<number, number> = {};
		for (const [id, c] of this.plan.limits) limits[id] = c.written;
		return { offsets: [...this.offsets], commits: [...this.commits], state, limits };
	}

	private anotherBatchNeeded(): boolean {
		if (this.lastEviction === null) return false;
		if (this.query.conf['spark.sql.streaming.noDataMicroBatches.enabled'] === 'false') return false;
		const w = this.watermark.globalMs;
		return this.plan.stateful.some((op, i) => {
			if (op.alwaysWantsNoDataBatch) return true;
			const n = op.inputWatermark(w);
			const last = (this.lastEviction as (number | null)[])[i];
			return n !== null && last !== null && last !== undefined && op.wantsNoDataBatch(n, last);
		});
	}

	/** One trigger: runs a batch if there is new data or a no-data batch is due, else null. */
	runTrigger(options: { readonly crashBeforeCommit?: boolean } = {}): BatchRecord | null {
		if (this.stopped) return null;
		const replay = this.replay;
		const now = replay?.batchTimestampMs ?? this.options.clock();
		const sincePrev = this.prevTriggerMs === null ? null : now - this.prevTriggerMs;
		this.prevTriggerMs = now;
		const last = replay
			? this.offsets[this.offsets.length - 2]
			: this.offsets[this.offsets.length - 1];
		const start: Record<string, SourceOffset | undefined> = {};
		const end: Record<string, SourceOffset> = {};
		let newData = false;
		for (const name of this.plan.sourceNames) {
			start[name] = last?.offsets[name];
			// R1.3: a batch planned before a crash re-runs with exactly its recorded offsets.
			const planned = replay
				? { end: replay.offsets[name], newData: replay.offsets[name] !== start[name] }
				: this.streams.plan(name, start[name]);
			// A read limit on a MemoryStream (files per trigger in the conformance runner): at most
			// `limit` new offsets. The sources/ contract applies its own read limits in plan().
			const limit = replay ? undefined : this.options.maxOffsetsPerTrigger?.(name);
			const limited =
				limit !== undefined && typeof planned.end === 'number'
					? Math.min(planned.end, Number(start[name] ?? 0) + limit)
					: planned.end;
			if (limited !== undefined) end[name] = limited;
			if (limited !== planned.end ? limited !== Number(start[name] ?? 0) : planned.newData)
				newData = true;
		}
		const noData = !newData;
		if (!replay && noData && !this.anotherBatchNeeded()) return null;
		// A crash, a sink that may refuse the batch, or a delivery that may throw leaves the state
		// of batch N-1 behind.
		const before =
			options.crashBeforeCommit || this.options.sink !== undefined ? this.checkpoint() : null;
		const recovery = before ?? (this.options.deliver ? this.checkpoint() : null);

		const events: EngineEvent[] = [];
		let entry: OffsetLogEntry;
		if (replay) {
			entry = replay;
			this.replay = null;
			events.push({
				type: 'batchPlanned',
				batchId: entry.batchId,
				noData,
				batchWatermarkMs: entry.batchWatermarkMs,
				replayed: true
			});
		} else {
			const batchId = this.nextBatchId;
			entry = {
				batchId,
				batchWatermarkMs: this.watermark.globalMs,
				batchTimestampMs: now,
				offsets: end
			};
			this.offsets.push(entry);
			events.push({
				type: 'batchPlanned',
				batchId,
				noData,
				batchWatermarkMs: entry.batchWatermarkMs
			});
			events.push({ type: 'offsetLogWritten', entry });
			// R1.2 2d: with offsets/N durable, sources may discard what batch N-1 read.
			for (const name of this.plan.sourceNames) this.streams.commit(name, start[name]);
		}
		const { batchId, batchWatermarkMs } = entry;

		const input = new Map<string, Row[]>();
		let numInputRows = 0;
		const perSource: Record<string, number> = {};
		for (const name of this.plan.sourceNames) {
			let rows: Row[];
			try {
				rows = this.streams.read(name, start[name], end[name]);
			} catch (e) {
				// A source failure (Kafka's data loss) stops the query with offsets/N uncommitted.
				this.stopped = true;
				throw e;
			}
			input.set(name, rows);
			perSource[name] = rows.length;
			numInputRows += rows.length;
			if (rows.length > 0) events.push({ type: 'rowsArrived', batchId, source: name, rows });
		}
		const budget = this.options.budget;
		budget?.charge('rows', numInputRows);
		const stats = new Map<number, EventTimeStats>();
		const metrics: OperatorMetrics[] = this.query.statefulOperators.map(() => emptyMetrics());
		const ctx: BatchContext = {
			batchId,
			input,
			stats,
			// allowMultiple=false is the pre-3.4 rule: late rows judged by this batch's watermark.
			lateWatermarkMs:
				this.query.conf['spark.sql.streaming.statefulOperator.allowMultiple'] === 'false'
					? batchWatermarkMs
					: this.prevBatchWatermarkMs,
			evictionWatermarkMs: batchWatermarkMs,
			batchTimestampMs: entry.batchTimestampMs,
			metrics,
			...(budget ? { budget } : {})
		};
		// CurrentBatchTimestamp: the offset log's timestamp (a replayed batch keeps its own).
		const timestampUs = ((this.options.epochOffsetMs ?? 0) + entry.batchTimestampMs) * 1000;
		const fail = (e: unknown): never => {
			// The batch failed before its commit: the query stops with offsets/N logged and the
			// state of batch N-1 (StateStore.abort), which is what a restart re-runs from.
			this.stopped = true;
			if (recovery !== null)
				this.crashed = {
					offsets: [...recovery.offsets, ...(replay ? [] : [entry])],
					commits: recovery.commits,
					state: recovery.state,
					...(recovery.limits ? { limits: recovery.limits } : {})
				};
			throw e;
		};
		let output: Row[];
		try {
			output = withBatchTimestamp(timestampUs, () => this.plan.root.exec(ctx));
			this.options.deliver?.({ batchId, rows: output, noData });
		} catch (e) {
			return fail(e);
		}
		this.lastEviction = this.plan.stateful.map((op) => op.inputWatermark(batchWatermarkMs));
		for (const op of this.plan.stateful) {
			const m = metrics[op.op.id] ?? emptyMetrics();
			if (m.numRowsDroppedByWatermark > 0) {
				events.push({
					type: 'rowsDroppedLate',
					batchId,
					operatorId: op.op.id,
					numRowsDroppedByWatermark: m.numRowsDroppedByWatermark,
					rows: m.droppedRows ?? []
				});
			}
			if (m.joinTrace !== undefined)
				events.push({
					type: 'joinStateChanged',
					batchId,
					operatorId: op.op.id,
					trace: m.joinTrace
				});
			if (m.duplicateRows !== undefined && m.duplicateRows.length > 0) {
				events.push({
					type: 'rowsDeduplicated',
					batchId,
					operatorId: op.op.id,
					rows: m.duplicateRows
				});
			}
			if (m.updatedRows !== undefined && m.updatedRows.length > 0) {
				events.push({ type: 'windowUpdated', batchId, operatorId: op.op.id, rows: m.updatedRows });
			}
			if (m.evictedRows !== undefined && m.evictedRows.length > 0) {
				events.push({ type: 'stateEvicted', batchId, operatorId: op.op.id, rows: m.evictedRows });
			}
			if (m.mergedRows !== undefined && m.mergedRows.length > 0) {
				events.push({ type: 'sessionsMerged', batchId, operatorId: op.op.id, rows: m.mergedRows });
			}
			events.push({
				type: 'stateChanged',
				batchId,
				operatorId: op.op.id,
				operatorName: op.operatorName,
				numRowsTotal: m.numRowsTotal,
				numRowsUpdated: m.numRowsUpdated,
				numRowsRemoved: m.numRowsRemoved
			});
		}
		events.push({ type: 'rowsEmitted', batchId, rows: output });
		if (budget) this.chargeBatch(budget, events);
		const sinkOutcome = this.options.sink?.addBatch({
			batchId,
			rows: output,
			outputMode: this.query.outputMode,
			nowMs: now
		});
		if (sinkOutcome?.status === 'failed') {
			// MicroBatchExecution.runBatch: the sink's exception ends the query before commits/N.
			this.stopped = true;
			this.crashed = {
				offsets: [...this.offsets],
				commits: [...this.commits],
				state: before?.state ?? {}
			};
			throw sinkOutcome.error ?? new Error(`the sink failed batch ${batchId}`);
		}
		if (options.crashBeforeCommit && before !== null) {
			// The sink got the batch but commits/N was never written: what a restart finds is
			// offsets/N without its commit, and the state of batch N-1 (R1.3, R6.4).
			this.stopped = true;
			this.crashed = {
				offsets: [...before.offsets, entry],
				commits: before.commits,
				state: before.state
			};
		}

		const policyConf = this.query.conf['spark.sql.streaming.multipleWatermarkPolicy'];
		const policy = policyConf === 'max' ? 'max' : 'min';
		const nodes = this.watermarkNodes;
		this.watermark = advanceWatermark(this.watermark, nodes, stats, policy);
		const next = this.watermark.globalMs;
		if (nodes.length > 0)
			events.push({ type: 'inputWatermarks', batchId, perNodeMs: { ...this.watermark.perNode } });
		if (next !== batchWatermarkMs) {
			events.push({ type: 'watermarkAdvanced', batchId, fromMs: batchWatermarkMs, toMs: next });
		}
		const commit: CommitLogEntry = { batchId, nextBatchWatermarkMs: next };
		if (!options.crashBeforeCommit) {
			this.commits.push(commit);
			events.push({ type: 'commitLogWritten', entry: commit });
		}
		this.prevBatchWatermarkMs = batchWatermarkMs;

		const durationMs = this.options.batchDurationMs?.(numInputRows) ?? 0;
		const firstWm = this.watermarkNodes[0];
		const progress = buildProgress({
			query: this.query,
			stateful: this.plan.stateful,
			sourceNames: this.plan.sourceNames,
			ids: { id: this.options.queryId ?? 'query', runId: this.options.runId ?? 'run' },
			batchId,
			now,
			sincePrev,
			durationMs,
			batchWatermarkMs,
			hasWatermark: firstWm !== undefined,
			stats: firstWm === undefined ? undefined : stats.get(firstWm.nodeId),
			metrics,
			offsets: { start: last === undefined ? null : start, end },
			describe: (name) => this.streams.describe(name),
			perSource,
			numOutputRows: output.length
		});
		events.push({ type: 'progress', progress });
		return {
			batchId,
			noData,
			numInputRows,
			batchWatermarkMs,
			nextBatchWatermarkMs: next,
			output,
			operators: metrics,
			progress,
			events,
			...(this.options.captureState
				? { state: this.plan.stateful.map((op) => op.snapshot()) }
				: {}),
			...(sinkOutcome ? { sink: sinkOutcome } : {}),
			sourceOffsets: Object.fromEntries(
				this.plan.sourceNames.map((n) => [n, { start: start[n], end: end[n] }])
			)
		};
	}

	/** State rows each operator keeps, and the rows this batch wrote into the trace. */
	private chargeBatch(budget: RunBudget, events: readonly EngineEvent[]): void {
		for (const e of events) {
			if (e.type === 'stateChanged') budget.check('stateRows', e.numRowsTotal);
			else if ('rows' in e && Array.isArray(e.rows)) budget.charge('traceRows', e.rows.length);
		}
	}

	/** What a started query processes of the data available now, by its trigger (R1.4):
	 *  `once` runs one trigger (no trailing no-data batch) and stops the query; `availableNow`
	 *  runs to completion, a no-data batch included, and stops; other triggers keep running, so
	 *  this is processAllAvailable. A stopped query processes nothing until restarted. */
	runAvailable(onBatch?: (b: BatchRecord) => void): BatchRecord[] {
		if (this.stopped) return [];
		const kind = this.options.trigger ?? this.query.trigger.kind;
		if (kind === 'once') {
			const b = this.runTrigger();
			this.stopped = true;
			if (b !== null) onBatch?.(b);
			return b === null ? [] : [b];
		}
		const out = this.processAllAvailable(onBatch);
		if (kind === 'availableNow') this.stopped = true;
		return out;
	}

	/** processAllAvailable (R11.2): trigger until a trigger constructs no batch; `onBatch` sees
	 *  each batch as it commits (so a later failure does not hide the earlier ones). */
	processAllAvailable(onBatch?: (b: BatchRecord) => void): BatchRecord[] {
		const out: BatchRecord[] = [];
		for (let guard = 0; guard < 10_000; guard++) {
			const b = this.runTrigger();
			if (b === null) return out;
			onBatch?.(b);
			out.push(b);
		}
		return out;
	}
}
