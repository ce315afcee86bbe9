/**
 * The numbers basic-11 sets side by side: a continuous query's per-row latency against the same
 * query run as micro-batches (SS-PERF "Continuous Processing": ~1 ms against "as low as 100 ms").
 * The micro-batch side is not a formula: it is SIM-1's own engine (run.ts) on the same rate,
 * partitions, cores and per-row cost, so both sides of the page agree with each other.
 */
import { buildTrace } from './run';
import type { ResolvedConfig } from './continuous-config';
import type { BatchQuery } from './query';

export interface LatencyStats {
	readonly count: number;
	readonly mean: number;
	readonly p50: number;
	readonly max: number;
}

/** Mean, median and maximum of a list of latencies (ms); null when there are none. */
export function latencyStats(values: readonly number[]): LatencyStats | null {
	if (values.length === 0) return null;
	const sorted = Float64Array.from(values).sort();
	let sum = 0;
	for (const v of sorted) sum += v;
	return {
		count: sorted.length,
		mean: sum / sorted.length,
		p50: sorted[Math.floor((sorted.length - 1) / 2)]!,
		max: sorted[sorted.length - 1]!
	};
}

export interface MicroBatchContrast {
	readonly triggerIntervalMs: number;
	readonly fixedOverheadMs: number;
	readonly batches: number;
	/** Row created → its batch committed, over every row of every committed batch. */
	readonly latency: { readonly mean: number; readonly max: number } | null;
}

/** Runs the same source and query as micro-batches and summarises their latency. */
export function microBatchContrast(config: ResolvedConfig, query: BatchQuery): MicroBatchContrast {
	const { triggerIntervalMs, fixedOverheadMs } = config.microBatch;
	const trace = buildTrace(
		{
			source: {
				kind: 'rate',
				rowsPerSecond: config.rowsPerSecond,
				numPartitions: config.numPartitions,
				numPartitionsOption: true
			},
			trigger: {
				kind: triggerIntervalMs > 0 ? 'processingTime' : 'default',
				intervalMs: triggerIntervalMs
			},
			cost: {
				fixedOverheadMs,
				perRowCostUs: config.perRowCostUs,
				numPartitions: config.numPartitions,
				cores: config.cores
			},
			untilMs: config.untilMs,
			seed: config.seed
		},
		query
	);
	let rows = 0;
	let sum = 0;
	let max = 0;
	for (const b of trace.batches) {
		if (b.latencyMs === null) continue;
		rows += b.numInputRows;
		sum += b.latencyMs.mean * b.numInputRows;
		max = Math.max(max, b.latencyMs.max);
	}
	return {
		triggerIntervalMs,
		fixedOverheadMs,
		batches: trace.batches.length,
		latency: rows === 0 ? null : { mean: sum / rows, max }
	};
}
