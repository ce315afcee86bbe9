/**
 * SIM-1's engine on the one micro-batch loop (../structured/runtime/loop.ts): its rate or socket
 * source and the page's query as the loop's target, its cluster's cost model and the program's
 * trigger as the loop's policies. A trigger attempt asks the query, which runs on the Structured
 * engine's MicroBatchExecution over the source: it constructs batch N iff there is new data (a
 * fresh source with any offset counts as new, so batch 0 may be empty) or it wants a no-data
 * batch (R1.2, R1.5). The loop commits the batch after its cost and schedules the next attempt.
 * This file turns the loop's commits into the trace's batch records.
 */
import { batchId, procTime, type ProcTimeMs } from '../core/time';
import { batchPhases, idleTriggerMs, PHASES } from '../structured/runtime/cost-policy';
import {
	MicroBatchLoop,
	type LoopEvent,
	type LoopPolicies,
	type LoopTarget
} from '../structured/runtime/loop';
import {
	inputRowsPerSecond,
	isoTimestamp,
	processedRowsPerSecond,
	type ProgressRecord
} from './progress';
import type { BatchOutcome, QueryInfo, StartedQuery } from './query';
import type { InputRow, MicroBatchSource } from './source';
import type { BatchRecord, PhaseSpan, RunConfig } from './trace';

export interface ExecContext {
	readonly config: RunConfig;
	readonly source: MicroBatchSource;
	/** The query started on `source`: it plans each batch (offsets, batch id, new data or a
	 *  no-data batch) in MicroBatchExecution, so the loop must call it in trigger order, once per
	 *  attempt (the loop does). */
	readonly query: StartedQuery;
	readonly info: QueryInfo;
	readonly epochOffsetMs: number;
	readonly ids: { readonly id: string; readonly runId: string };
}

/** A batch SIM-1's target constructed at a trigger, before its commit. */
export interface Constructed {
	readonly batchId: number;
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

export type ExecEvent =
	| { readonly kind: 'trigger'; readonly at: ProcTimeMs; readonly batchId: number | null }
	| { readonly kind: 'batch'; readonly at: ProcTimeMs; readonly record: BatchRecord }
	| { readonly kind: 'log'; readonly at: ProcTimeMs; readonly message: string }
	| { readonly kind: 'terminated'; readonly at: ProcTimeMs };

/** The query as the loop's engine; this adds only the cost model's phases to each batch. */
function target(ctx: ExecContext): LoopTarget<Constructed> {
	const { config } = ctx;
	let previousAttemptAt: number | null = null;
	return {
		runTrigger(at) {
			const now = procTime(at);
			const since = previousAttemptAt === null ? null : now - previousAttemptAt;
			previousAttemptAt = now;
			// The query's plan is run when the batch is constructed, at its trigger (batchTimestampMs);
			// the sink sees the outcome when addBatch ends, and the views show it from the commit.
			const ran = ctx.query.runTrigger(now);
			if (ran === null) return null;
			const numPartitions = config.source.kind === 'rate' ? config.source.numPartitions : 1;
			const perPartition = new Array<number>(numPartitions).fill(0);
			for (const row of ran.rows)
				perPartition[row.partition] = (perPartition[row.partition] ?? 0) + 1;
			const durations = batchPhases(config.cost, perPartition);
			let t = now as number;
			const phases: PhaseSpan[] = PHASES.map((phase) => {
				const span = { phase, startMs: procTime(t), durationMs: durations[phase] };
				t += durations[phase];
				return span;
			});
			return {
				batchId: ran.batchId,
				startOffset: ran.startOffset,
				endOffset: ran.endOffset,
				latestOffset: ran.endOffset,
				rows: ran.rows,
				phases,
				sincePreviousAttemptMs: since,
				outcome: ran.outcome,
				noData: ran.noData
			};
		}
	};
}

/** SIM-1's policies: the program's trigger, the epoch clock, the cluster's cost model. */
export function simLoop(ctx: ExecContext, startAt: ProcTimeMs): MicroBatchLoop<Constructed> {
	const policies: LoopPolicies<Constructed> = {
		trigger: ctx.config.trigger,
		epochOffsetMs: ctx.epochOffsetMs,
		untilMs: ctx.config.untilMs,
		cost: {
			batchMs: (b) => b.phases.reduce((sum, p) => sum + p.durationMs, 0),
			idleMs: idleTriggerMs(ctx.config.cost)
		}
	};
	return new MicroBatchLoop(target(ctx), policies, startAt);
}

/** The loop's events as SIM-1's: a commit becomes the trace's batch record. */
export function simEvent(ctx: ExecContext, e: LoopEvent<Constructed>): ExecEvent {
	const at = procTime(e.at);
	switch (e.kind) {
		case 'trigger':
			return { kind: 'trigger', at, batchId: e.batch?.batchId ?? null };
		case 'commit':
			return {
				kind: 'batch',
				at,
				record: recordOf(ctx, e.batch, procTime(e.triggerAt), at, e.nextAt, e.fallingBehind)
			};
		default:
			return { ...e, at };
	}
}

function recordOf(
	ctx: ExecContext,
	run: Constructed,
	triggerAt: ProcTimeMs,
	now: ProcTimeMs,
	next: number,
	behind: boolean
): BatchRecord {
	const { outcome } = run;
	const elapsed = now - triggerAt;
	return {
		batchId: batchId(run.batchId),
		triggerAt,
		commitAt: now,
		phases: run.phases,
		startOffset: run.startOffset,
		endOffset: run.endOffset,
		numInputRows: run.rows.length,
		rowIds: run.rows.length > 0 ? [run.rows[0]!.id, run.rows[run.rows.length - 1]!.id] : null,
		latencyMs: latency(run.rows, now),
		fallingBehind: behind,
		nextStartsAtOnce: ctx.config.trigger.kind !== 'once' && next <= now,
		noData: run.noData,
		state: outcome.state,
		changed: outcome.changed,
		emitted: outcome.emitted,
		output: outcome.output,
		numOutputRows: outcome.numOutputRows,
		progress: progressOf(ctx, run, triggerAt, elapsed)
	};
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
	run: Constructed,
	triggerAt: ProcTimeMs,
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
		name: ctx.info.name,
		timestamp: isoTimestamp(triggerAt + ctx.epochOffsetMs),
		batchId: run.batchId,
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
		sink: { description: ctx.info.sinkDescription, numOutputRows: run.outcome.numOutputRows }
	};
}
