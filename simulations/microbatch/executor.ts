/**
 * One step of MicroBatchExecution's loop (SPARK-SEMANTICS.md R1.2, R1.4): a trigger attempt asks
 * the source for its latest offset and constructs batch N iff there is new data (a fresh source
 * with any offset counts as new, so batch 0 may be empty); the batch then commits after its cost.
 * Pure: (config, state, now) → (state, events). The RxJS shell (run.ts) decides *when* it runs.
 */
import { batchId, procTime, type ProcTimeMs } from '../core/time';
import { batchPhases, idleTriggerMs, PHASES } from './cost';
import { inputRowsPerSecond, isoTimestamp, processedRowsPerSecond, type ProgressRecord } from './progress';
import type { BatchOutcome, BatchQuery } from './query';
import type { InputRow, MicroBatchSource } from './source';
import type { BatchRecord, PhaseSpan, RunConfig } from './trace';
import { fallingBehindMessage, isFallingBehind, nextTriggerAt } from './trigger';

export interface ExecContext {
	readonly config: RunConfig;
	readonly source: MicroBatchSource;
	/** The query each batch runs; it carries its state from batch to batch, so the loop must
	 *  call it in batch order, once per batch (the shell does). */
	readonly query: BatchQuery;
	readonly epochOffsetMs: number;
	readonly ids: { readonly id: string; readonly runId: string };
}

interface Running {
	readonly triggerAt: ProcTimeMs;
	readonly commitAt: ProcTimeMs;
	readonly startOffset: number | null;
	readonly endOffset: number;
	readonly latestOffset: number;
	readonly rows: readonly InputRow[];
	readonly phases: readonly PhaseSpan[];
	readonly sincePreviousAttemptMs: number | null;
	readonly outcome: BatchOutcome;
	/** A no-data batch (R1.5): run for the watermark, not for new rows. */
	readonly noData: boolean;
}

export interface ExecState {
	readonly nextBatchId: number;
	/** End offset of the last committed batch; null on a fresh checkpoint. */
	readonly committed: number | null;
	readonly previousAttemptAt: ProcTimeMs | null;
	/** availableNow: the offset snapshotted when the query started. */
	readonly target: number | null;
	readonly wake:
		| { readonly kind: 'trigger'; readonly at: ProcTimeMs }
		| { readonly kind: 'commit'; readonly at: ProcTimeMs; readonly running: Running }
		| { readonly kind: 'done' };
}

export type ExecEvent =
	| { readonly kind: 'trigger'; readonly at: ProcTimeMs; readonly batchId: number | null }
	| { readonly kind: 'batch'; readonly at: ProcTimeMs; readonly record: BatchRecord }
	| { readonly kind: 'log'; readonly at: ProcTimeMs; readonly message: string }
	| { readonly kind: 'terminated'; readonly at: ProcTimeMs };

export interface StepResult {
	readonly state: ExecState;
	readonly events: readonly ExecEvent[];
}

export const initialState = (startAt: ProcTimeMs): ExecState => ({
	nextBatchId: 0,
	committed: null,
	previousAttemptAt: null,
	target: null,
	wake: { kind: 'trigger', at: startAt }
});

export function step(ctx: ExecContext, state: ExecState, now: ProcTimeMs): StepResult {
	if (state.wake.kind === 'commit') return commit(ctx, state, state.wake.running, now);
	if (state.wake.kind === 'done') return { state, events: [] };
	return attempt(ctx, state, now);
}

function attempt(ctx: ExecContext, state: ExecState, now: ProcTimeMs): StepResult {
	const { config, source } = ctx;
	const trigger = config.trigger;
	if (now > config.untilMs) return { state: { ...state, wake: { kind: 'done' } }, events: [] };
	const target =
		trigger.kind === 'availableNow' ? (state.target ?? source.latestOffset(now)) : null;
	const latest = target ?? source.latestOffset(now);
	const newData = state.committed === null || latest !== state.committed;
	const since = state.previousAttemptAt === null ? null : now - state.previousAttemptAt;
	// The query's plan is run when the batch is constructed, at its trigger (batchTimestampMs);
	// the sink sees the outcome when addBatch ends, and the views show it from the commit.
	const noDataOutcome = newData ? null : ctx.query.noDataBatch(now);
	if (!newData && noDataOutcome === null) {
		const events: ExecEvent[] = [{ kind: 'trigger', at: now, batchId: null }];
		if (trigger.kind === 'availableNow') {
			// MultiBatchExecutor stops on the first trigger that constructs no batch (R1.4.4).
			const message =
				'Finished processing all available data for the trigger, terminating this Trigger.AvailableNow query';
			events.push({ kind: 'log', at: now, message }, { kind: 'terminated', at: now });
			return { state: { ...state, wake: { kind: 'done' } }, events };
		}
		if (trigger.kind === 'once') {
			events.push({ kind: 'terminated', at: now });
			return { state: { ...state, wake: { kind: 'done' } }, events };
		}
		const finished = now + idleTriggerMs(config.cost);
		const at = procTime(nextTriggerAt(trigger, now, finished, false, ctx.epochOffsetMs));
		return { state: { ...state, target, previousAttemptAt: now, wake: { kind: 'trigger', at } }, events };
	}
	const from = state.committed ?? source.initialOffset;
	const rows = newData ? source.read(from, latest) : [];
	const outcome = noDataOutcome ?? ctx.query.runBatch(rows, now);
	const numPartitions = config.source.kind === 'rate' ? config.source.numPartitions : 1;
	const perPartition = new Array<number>(numPartitions).fill(0);
	for (const row of rows) perPartition[row.partition] = (perPartition[row.partition] ?? 0) + 1;
	const durations = batchPhases(config.cost, perPartition);
	let t = now as number;
	const phases: PhaseSpan[] = PHASES.map((phase) => {
		const span = { phase, startMs: procTime(t), durationMs: durations[phase] };
		t += durations[phase];
		return span;
	});
	const running: Running = {
		triggerAt: now,
		commitAt: procTime(t),
		startOffset: state.committed,
		endOffset: latest,
		latestOffset: latest,
		rows,
		phases,
		sincePreviousAttemptMs: since,
		outcome,
		noData: !newData
	};
	return {
		state: {
			...state,
			target,
			previousAttemptAt: now,
			wake: { kind: 'commit', at: running.commitAt, running }
		},
		events: [{ kind: 'trigger', at: now, batchId: state.nextBatchId }]
	};
}

function commit(ctx: ExecContext, state: ExecState, run: Running, now: ProcTimeMs): StepResult {
	const { config } = ctx;
	const trigger = config.trigger;
	const { outcome } = run;
	const elapsed = now - run.triggerAt;
	const behind = isFallingBehind(trigger, elapsed);
	const next = nextTriggerAt(trigger, run.triggerAt, now, true, ctx.epochOffsetMs);
	const record: BatchRecord = {
		batchId: batchId(state.nextBatchId),
		triggerAt: run.triggerAt,
		commitAt: now,
		phases: run.phases,
		startOffset: run.startOffset,
		endOffset: run.endOffset,
		numInputRows: run.rows.length,
		rowIds: run.rows.length > 0 ? [run.rows[0]!.id, run.rows[run.rows.length - 1]!.id] : null,
		latencyMs: latency(run.rows, now),
		fallingBehind: behind,
		nextStartsAtOnce: trigger.kind !== 'once' && next <= now,
		noData: run.noData,
		state: outcome.state,
		changed: outcome.changed,
		emitted: outcome.emitted,
		output: outcome.output,
		numOutputRows: outcome.numOutputRows,
		progress: progressOf(ctx, state, run, elapsed)
	};
	const events: ExecEvent[] = [{ kind: 'batch', at: now, record }];
	if (behind) events.push({ kind: 'log', at: now, message: fallingBehindMessage(trigger.intervalMs, elapsed) });
	const base = { ...state, nextBatchId: state.nextBatchId + 1, committed: run.endOffset };
	if (trigger.kind === 'once') {
		events.push({ kind: 'terminated', at: now });
		return { state: { ...base, wake: { kind: 'done' } }, events };
	}
	return { state: { ...base, wake: { kind: 'trigger', at: procTime(next) } }, events };
}

function latency(rows: readonly InputRow[], commitAt: ProcTimeMs): BatchRecord['latencyMs'] {
	if (rows.length === 0) return null;
	let min = Infinity;
	let max = -Infinity;
	let sum = 0;
	for (const row of rows) {
		const l = commitAt - row.timestampMs;
		min = Math.min(min, l);
		max = Math.max(max, l);
		sum += l;
	}
	return { min, mean: Math.round(sum / rows.length), max };
}

function progressOf(
	ctx: ExecContext,
	state: ExecState,
	run: Running,
	elapsed: number
): ProgressRecord {
	const n = run.rows.length;
	const inRate = inputRowsPerSecond(n, run.sincePreviousAttemptMs);
	const outRate = processedRowsPerSecond(n, elapsed);
	// Spark prints durationMs with its keys sorted (SafeJsonSerializer.safeMapToJValue).
	const entries: [string, number][] = run.phases.map((p) => [p.phase, p.durationMs]);
	entries.push(['triggerExecution', elapsed]);
	const durationMs = Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
	return {
		id: ctx.ids.id,
		runId: ctx.ids.runId,
		name: ctx.query.info.name,
		timestamp: isoTimestamp(run.triggerAt + ctx.epochOffsetMs),
		batchId: state.nextBatchId,
		batchDuration: elapsed,
		numInputRows: n,
		inputRowsPerSecond: inRate,
		processedRowsPerSecond: outRate,
		durationMs,
		stateOperators: run.outcome.stateOperators,
		sources: [
			{
				description: ctx.source.description,
				startOffset: run.startOffset,
				endOffset: run.endOffset,
				latestOffset: run.latestOffset,
				numInputRows: n,
				inputRowsPerSecond: inRate,
				processedRowsPerSecond: outRate
			}
		],
		sink: { description: ctx.query.info.sinkDescription, numOutputRows: run.outcome.numOutputRows }
	};
}
