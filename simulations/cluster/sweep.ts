/**
 * A setting swept across its range (advanced-05, QUESTIONS.md "latency vs throughput"): the same
 * query, producers and cluster run once per value of one setting (the trigger interval, the
 * stateful stage's shuffle partitions, or maxOffsetsPerTrigger), each run reduced to one point:
 * end-to-end latency (p50 / p95 of production → the end of the batch that read the record) and
 * throughput (rows per second of batch time: what the cluster gets through while it works).
 *
 * Every point is a full run of the cluster model on counts (no Gantt bars kept), so a sweep of a
 * dozen values is a dozen runs of the micro-batch loop; `npm run bench` times it.
 */
import type { Params } from '../core/params';
import { runClusterQuery, type ClusterBatch, type ClusterQuerySpec } from './run';

export type SweepSetting = 'triggerInterval' | 'shufflePartitions' | 'maxOffsetsPerTrigger';

export interface SweepPlan {
	readonly over: SweepSetting;
	/** The values to run (ms for the trigger; 0 = the default trigger / no limit). */
	readonly values: readonly number[];
	/** The page's controls that select a value (a click on its point sets them). */
	readonly select?: (value: number) => Params;
}

export interface SweepPoint {
	readonly value: number;
	readonly p50Ms: number;
	readonly p95Ms: number;
	/** Rows processed / Σ batch durations (rows/s while a batch runs). */
	readonly throughput: number;
	/** Rows processed / the run's length (rows/s over the whole run). */
	readonly sustained: number;
	readonly meanBatchMs: number;
	readonly batches: number;
	/** The records waiting at the source grew through the run: this setting cannot keep up. */
	readonly behind: boolean;
	/** The controls that select this point. */
	readonly select: Params;
}

export interface SweepResult {
	readonly over: SweepSetting;
	readonly points: readonly SweepPoint[];
	/** The value the program says (its point is the one the page's run and Gantt show). */
	readonly current: number;
	/** Trigger sweep: the shortest interval whose batches finish inside it (batch duration ≈
	 *  interval there); shorter triggers run back to back. Other sweeps: the lowest p50. */
	readonly knee: number | null;
	/** Executors × cores at the start (the most tasks that run at once). */
	readonly cores: number;
}

/** The spec with the swept setting at `value`. */
export function withSetting(spec: ClusterQuerySpec, over: SweepSetting, value: number) {
	switch (over) {
		case 'triggerInterval':
			return { ...spec, triggerIntervalMs: value };
		case 'shufflePartitions':
			return spec.stateful
				? { ...spec, stateful: { ...spec.stateful, shufflePartitions: value } }
				: spec;
		case 'maxOffsetsPerTrigger':
			return {
				...spec,
				admission:
					value > 0
						? ({ kind: 'maxOffsetsPerTrigger', limit: value } as const)
						: ({ kind: 'none' } as const)
			};
	}
}

/**
 * Quantile `q` of the records' latencies: a batch's records were produced evenly between its
 * oldest and newest (the producers' per-second counts spread over the second), so its latencies
 * are spread evenly between `latencyMs.min` and `latencyMs.max`; the run's distribution is the
 * record-weighted mixture of its batches, inverted by bisection.
 */
export function latencyQuantile(batches: readonly ClusterBatch[], q: number): number {
	const rows = batches.filter((b) => b.numInputRows > 0);
	const total = rows.reduce((a, b) => a + b.numInputRows, 0);
	if (total === 0) return 0;
	const below = (l: number): number => {
		let n = 0;
		for (const b of rows) {
			const { min, max } = b.latencyMs;
			const share =
				max <= min ? (l >= max ? 1 : 0) : Math.min(1, Math.max(0, (l - min) / (max - min)));
			n += share * b.numInputRows;
		}
		return n / total;
	};
	let lo = Math.min(...rows.map((b) => b.latencyMs.min));
	let hi = Math.max(...rows.map((b) => b.latencyMs.max));
	for (let i = 0; i < 40 && hi - lo > 0.5; i++) {
		const mid = (lo + hi) / 2;
		if (below(mid) >= q) hi = mid;
		else lo = mid;
	}
	return Math.round(hi);
}

/** One run reduced to its point. */
export function sweepPoint(spec: ClusterQuerySpec, value: number, select: Params = {}): SweepPoint {
	const run = runClusterQuery({ ...spec, recordTasks: false });
	const done = run.batches.filter((b) => b.endMs <= spec.durationMs);
	const busy = done.reduce((a, b) => a + (b.endMs - b.startMs), 0);
	const processed = done.reduce((a, b) => a + b.numInputRows, 0);
	const last = done[done.length - 1];
	const mid = done[Math.floor(done.length / 2)];
	return {
		value,
		p50Ms: latencyQuantile(done, 0.5),
		p95Ms: latencyQuantile(done, 0.95),
		throughput: busy > 0 ? Math.round((processed * 1000) / busy) : 0,
		sustained: Math.round((processed * 1000) / spec.durationMs),
		meanBatchMs: done.length > 0 ? Math.round(busy / done.length) : 0,
		batches: done.length,
		// Growing backlog: more waits at the end than at the middle, and more than a batch takes.
		behind:
			last !== undefined &&
			mid !== undefined &&
			last.backlogAtEnd > mid.backlogAtEnd &&
			last.backlogAtEnd > 2 * last.numInputRows,
		select
	};
}

/** The sweep: one run per value (the current one included), in value order. */
export function sweep(spec: ClusterQuerySpec, plan: SweepPlan, current: number): SweepResult {
	// No limit (0) is the largest maxOffsetsPerTrigger of all: it goes last.
	const rank = (v: number) =>
		plan.over === 'maxOffsetsPerTrigger' && v === 0 ? Number.POSITIVE_INFINITY : v;
	const values = [...new Set([...plan.values, current])].sort((a, b) => rank(a) - rank(b));
	const points = values.map((v) =>
		sweepPoint(withSetting(spec, plan.over, v), v, plan.select?.(v) ?? {})
	);
	const knee = plan.over === 'triggerInterval' ? triggerKnee(points) : fastest(points);
	return {
		over: plan.over,
		points,
		current,
		knee,
		cores: spec.cluster.executors * spec.cluster.coresPerExecutor
	};
}

/** The shortest interval whose batches finish inside it (shorter ones run back to back). */
function triggerKnee(points: readonly SweepPoint[]): number | null {
	return points.find((p) => p.value > 0 && !p.behind && p.meanBatchMs <= p.value)?.value ?? null;
}

/** The value with the lowest median latency among those that keep up. */
function fastest(points: readonly SweepPoint[]): number | null {
	let best: SweepPoint | null = null;
	for (const p of points) if (!p.behind && (best === null || p.p50Ms < best.p50Ms)) best = p;
	return best?.value ?? null;
}
