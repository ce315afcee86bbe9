/**
 * Parameters of the continuous-processing contrast (basic-11, preset `continuous-contrast`), and
 * their clamping: bad input never throws, it is brought into range and the reason is kept as a
 * notice the page shows. Ranges follow the page's sliders; the Spark rules behind them are cited.
 */
import { EXECUTOR_POLL_INTERVAL_MS } from './continuous-task';

/** Where the rows go: console and memory publish an epoch when it commits, the others per row. */
export type ContinuousSink = 'console' | 'memory' | 'kafka' | 'foreach';

export interface ContinuousConfig {
	readonly rowsPerSecond: number;
	readonly numPartitions: number;
	/** `.trigger(continuous="1 second")`: the epoch (checkpoint) interval, not a batch. */
	readonly epochIntervalMs: number;
	/** Cores the cluster offers; each task holds one for as long as the query runs. */
	readonly cores: number;
	/** Simulation only: time the task spends on one row. */
	readonly perRowCostUs: number;
	readonly untilMs: number;
	readonly seed: number;
	/** Inject a task failure at this virtual time (continuous mode has no task retries). */
	readonly failureAtMs?: number | null;
	/** The operator restarts the query from its checkpoint this long after the failure; null: never. */
	readonly restartAfterMs?: number | null;
	readonly sink?: ContinuousSink;
	/** The micro-batch query to contrast with: same rate, partitions, cores and per-row cost. */
	readonly microBatch?: { readonly triggerIntervalMs: number; readonly fixedOverheadMs: number };
}

export type ResolvedConfig = Required<Omit<ContinuousConfig, 'failureAtMs' | 'restartAfterMs'>> & {
	readonly failureAtMs: number | null;
	readonly restartAfterMs: number | null;
};

/** Rows the simulation keeps at most; longer runs are shortened (with a notice). */
export const MAX_ROWS = 300_000;

const clampInt = (v: number, lo: number, hi: number): number =>
	Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : lo;

/** Brings every parameter into range; each change is explained in `notices`. */
export function resolveConfig(config: ContinuousConfig): {
	config: ResolvedConfig;
	notices: string[];
} {
	const notices: string[] = [];
	const pick = (name: string, v: number, lo: number, hi: number, why: string): number => {
		const c = clampInt(v, lo, hi);
		if (c !== v) notices.push(`${name} ${String(v)} is outside ${lo}–${hi}: using ${c} (${why}).`);
		return c;
	};
	const numPartitions = pick('numPartitions', config.numPartitions, 1, 16, 'the page’s range');
	let rowsPerSecond = pick(
		'rowsPerSecond',
		config.rowsPerSecond,
		1,
		10_000,
		'Spark requires a positive rate; the page stops at 10000'
	);
	if (rowsPerSecond / numPartitions > 1000) {
		// (1000 / perPartitionRate).toLong is 0 above 1000 rows/s per partition: the reader never
		// sleeps and emits as fast as the task takes rows, which no timeline can draw.
		const capped = 1000 * numPartitions;
		notices.push(
			`Above 1000 rows/s per partition Spark's continuous rate reader sleeps (1000 / rate).toLong = 0 ms ` +
				`and emits rows as fast as the task takes them; simulating ${capped} rows/s instead.`
		);
		rowsPerSecond = capped;
	}
	const epochIntervalMs = pick(
		'epoch interval (ms)',
		config.epochIntervalMs,
		EXECUTOR_POLL_INTERVAL_MS,
		60_000,
		'tasks look for a new epoch only every 100 ms'
	);
	const cores = pick('cores', config.cores, 1, 64, 'the page’s range');
	const perRowCostUs = pick('perRowCostUs', config.perRowCostUs, 0, 10_000, 'the page’s range');
	let untilMs = pick('untilMs', config.untilMs, 1000, 120_000, 'the simulation’s span');
	const estimate = (rowsPerSecond * untilMs) / 1000;
	if (estimate > MAX_ROWS) {
		untilMs = Math.max(1000, Math.floor((MAX_ROWS / rowsPerSecond) * 1000));
		notices.push(`At ${rowsPerSecond} rows/s the run is shortened to ${untilMs / 1000} s.`);
	}
	const failureAtMs =
		config.failureAtMs == null || !Number.isFinite(config.failureAtMs)
			? null
			: clampInt(config.failureAtMs, 0, untilMs);
	const restartAfterMs =
		config.restartAfterMs === null ? null : clampInt(config.restartAfterMs ?? 2000, 0, 60_000);
	const micro = config.microBatch ?? { triggerIntervalMs: epochIntervalMs, fixedOverheadMs: 300 };
	return {
		config: {
			rowsPerSecond,
			numPartitions,
			epochIntervalMs,
			cores,
			perRowCostUs,
			untilMs,
			seed: config.seed,
			failureAtMs,
			restartAfterMs,
			sink: config.sink ?? 'console',
			microBatch: {
				triggerIntervalMs: clampInt(micro.triggerIntervalMs, 0, 60_000),
				fixedOverheadMs: clampInt(micro.fixedOverheadMs, 0, 10_000)
			}
		},
		notices
	};
}
