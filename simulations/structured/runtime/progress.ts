/**
 * StreamingQueryProgress records (SPARK-SEMANTICS R1.6; ProgressReporter.finishTrigger). Rates:
 * inputRowsPerSecond = rows / seconds since the previous trigger start (0 for the first trigger
 * of a run), processedRowsPerSecond = rows / max(1, trigger duration ms) seconds, rounded to one
 * decimal. `eventTime` only when the query has a watermark: the batch's watermark always,
 * min/max/avg of the first watermark node only when it saw rows. `stateOperators` is listed sink
 * first, as Spark prints it. Durations are the simulation's modelled times, never wall time.
 */
import type { AnalyzedQuery } from '../analyzer/types';
import type { EventTimeStats } from '../operators/watermark';
import { emptyMetrics, type OperatorMetrics } from './context';
import type { StatefulRuntime } from './stateful';
import {
	roundRate,
	type ProgressOffset,
	type SourceProgress as ModelSourceProgress,
	type StateOperatorProgress,
	type StreamingQueryProgress as ModelProgress
} from '../../model/progress';
import { isoText } from '../../core/calendar';
import type { SourceOffset } from './stream-inputs';

/** A source's offset as the progress JSON shows it: a number, or the offset's own JSON value. */
function progressOffset(o: SourceOffset | undefined): ProgressOffset {
	if (o === undefined) return 0;
	if (typeof o === 'number') return o;
	const v = JSON.parse(o) as unknown;
	return typeof v === 'number' || (typeof v === 'object' && v !== null)
		? (v as ProgressOffset)
		: { offset: v };
}

/** The Structured Streaming progress: offsets as each source writes them. */
export type StreamingQueryProgress = ModelProgress<
	Readonly<Record<string, number>>,
	ProgressOffset
>;
export type SourceProgress = ModelSourceProgress<ProgressOffset>;
export type { StateOperatorProgress };

/** ISO-8601 in UTC; not Date#toISOString, which throws past year 275760 (Spark does not). */
export const iso = (ms: number): string => isoText(ms);

export function rates(rows: number, sincePrevTriggerMs: number | null, durationMs: number) {
	return {
		inputRowsPerSecond:
			sincePrevTriggerMs === null || sincePrevTriggerMs <= 0
				? 0
				: roundRate(rows / (sincePrevTriggerMs / 1000)),
		processedRowsPerSecond: roundRate(rows / (Math.max(1, durationMs) / 1000))
	};
}

export function stateOperatorProgress(name: string, m: OperatorMetrics): StateOperatorProgress {
	return {
		operatorName: name,
		numRowsTotal: m.numRowsTotal,
		numRowsUpdated: m.numRowsUpdated,
		numRowsRemoved: m.numRowsRemoved,
		numRowsDroppedByWatermark: m.numRowsDroppedByWatermark,
		customMetrics:
			m.numDroppedDuplicateRows === undefined
				? {}
				: { numDroppedDuplicateRows: m.numDroppedDuplicateRows }
	};
}

export interface ProgressInput {
	readonly query: AnalyzedQuery;
	readonly stateful: readonly StatefulRuntime[];
	readonly sourceNames: readonly string[];
	readonly ids: { readonly id: string; readonly runId: string };
	readonly batchId: number;
	/** Trigger start (processing time, ms) and time since the previous trigger start. */
	readonly now: number;
	readonly sincePrev: number | null;
	readonly durationMs: number;
	readonly batchWatermarkMs: number;
	readonly hasWatermark: boolean;
	/** Event-time statistics of the first watermark node this batch. */
	readonly stats: EventTimeStats | undefined;
	readonly metrics: readonly OperatorMetrics[];
	/** Start offsets (null in the first batch of a fresh query) and end offsets per source. */
	readonly offsets: {
		readonly start: Readonly<Record<string, SourceOffset | undefined>> | null;
		readonly end: Readonly<Record<string, SourceOffset>>;
	};
	/** The progress' source description (MemoryStream[name], KafkaV2[Subscribe[t]]…). */
	readonly describe?: (name: string) => string;
	readonly perSource: Readonly<Record<string, number>>;
	readonly numOutputRows: number;
}

export function buildProgress(x: ProgressInput): StreamingQueryProgress {
	const s = x.stats;
	const numInputRows = Object.values(x.perSource).reduce((a, b) => a + b, 0);
	const eventTime: Record<string, string> | undefined = !x.hasWatermark
		? undefined
		: s !== undefined && s.count > 0
			? {
					avg: iso(Math.trunc(s.sum / s.count)),
					max: iso(s.max),
					min: iso(s.min),
					watermark: iso(x.batchWatermarkMs)
				}
			: { watermark: iso(x.batchWatermarkMs) };
	return {
		id: x.ids.id,
		runId: x.ids.runId,
		name: x.query.write.queryName ?? null,
		timestamp: iso(x.now),
		batchId: x.batchId,
		batchDuration: x.durationMs,
		numInputRows,
		...rates(numInputRows, x.sincePrev, x.durationMs),
		durationMs: { addBatch: x.durationMs, triggerExecution: x.durationMs },
		...(eventTime ? { eventTime } : {}),
		stateOperators: x.stateful
			.map((op) => stateOperatorProgress(op.operatorName, x.metrics[op.op.id] ?? emptyMetrics()))
			.reverse(),
		sources: x.sourceNames.map((name) => ({
			description: x.describe?.(name) ?? `MemoryStream[${name}]`,
			startOffset:
				x.offsets.start === null || x.offsets.start[name] === undefined
					? null
					: progressOffset(x.offsets.start[name]),
			endOffset: progressOffset(x.offsets.end[name]),
			latestOffset: progressOffset(x.offsets.end[name]),
			numInputRows: x.perSource[name] ?? 0,
			...rates(x.perSource[name] ?? 0, x.sincePrev, x.durationMs)
		})),
		sink: { description: `${x.query.write.format}Sink`, numOutputRows: x.numOutputRows }
	};
}
