/**
 * Backpressure's rate estimator (SPARK-SEMANTICS R8.6; Spark's PIDRateEstimator.scala). After
 * every completed batch it turns (processingEnd, records, processingDelay, schedulingDelay) into a
 * new ingestion rate in records/s. The first qualifying batch only seeds latestRate with the
 * measured processing rate; later ones publish max(minRate, latestRate - kp*error - ki*historical
 * - kd*dError). The rate controller publishes floor(rate) (RateController `rateLimit.set(toLong)`).
 */

export interface PidConfig {
	readonly batchIntervalMs: number;
	/** spark.streaming.backpressure.pid.proportional (1.0) */
	readonly proportional: number;
	/** spark.streaming.backpressure.pid.integral (0.2) */
	readonly integral: number;
	/** spark.streaming.backpressure.pid.derived (0.0) */
	readonly derivative: number;
	/** spark.streaming.backpressure.pid.minRate (100) */
	readonly minRate: number;
}

export const PID_DEFAULTS = {
	proportional: 1.0,
	integral: 0.2,
	derivative: 0.0,
	minRate: 100
} as const;

/** One call of `compute`: the terms the backpressure view draws, and the rate if one is published. */
export interface PidStep {
	readonly time: number;
	readonly numElements: number;
	readonly processingDelay: number;
	readonly schedulingDelay: number;
	/** False when Spark skips the update (time not later, no elements, or zero processing delay). */
	readonly computed: boolean;
	readonly firstRun: boolean;
	readonly processingRate?: number;
	readonly error?: number;
	readonly historicalError?: number;
	readonly dError?: number;
	/** The estimate (records/s), absent on the first run and on skipped batches. */
	readonly newRate?: number;
}

export interface PidRateEstimator {
	compute(
		time: number,
		numElements: number,
		processingDelay: number,
		schedulingDelay: number
	): PidStep;
}

export function pidRateEstimator(config: PidConfig): PidRateEstimator {
	const { batchIntervalMs, proportional, integral, derivative, minRate } = config;
	// PIDRateEstimator's constructor checks, with its messages (Spark throws IllegalArgumentException).
	const checks: [boolean, string][] = [
		[
			batchIntervalMs > 0,
			`Specified batch interval ${batchIntervalMs} in PIDRateEstimator is invalid.`
		],
		[proportional >= 0, `Proportional term ${proportional} in PIDRateEstimator should be >= 0.`],
		[integral >= 0, `Integral term ${integral} in PIDRateEstimator should be >= 0.`],
		[derivative >= 0, `Derivative term ${derivative} in PIDRateEstimator should be >= 0.`],
		[minRate > 0, 'Minimum rate in PIDRateEstimator should be > 0']
	];
	for (const [holds, message] of checks)
		if (!holds) throw new RangeError(`requirement failed: ${message}`);
	let firstRun = true;
	let latestTime = -1;
	let latestRate = -1;
	let latestError = -1;
	return {
		compute(time, numElements, processingDelay, schedulingDelay) {
			const base = { time, numElements, processingDelay, schedulingDelay };
			if (!(time > latestTime && numElements > 0 && processingDelay > 0)) {
				return { ...base, computed: false, firstRun };
			}
			const delaySinceUpdate = (time - latestTime) / 1000;
			const processingRate = (numElements / processingDelay) * 1000;
			const error = latestRate - processingRate;
			const historicalError = (schedulingDelay * processingRate) / batchIntervalMs;
			const dError = (error - latestError) / delaySinceUpdate;
			const newRate = Math.max(
				latestRate - proportional * error - integral * historicalError - derivative * dError,
				minRate
			);
			latestTime = time;
			if (firstRun) {
				latestRate = processingRate;
				latestError = 0;
				firstRun = false;
				return {
					...base,
					computed: true,
					firstRun: true,
					processingRate,
					error,
					historicalError,
					dError
				};
			}
			latestRate = newRate;
			latestError = error;
			return {
				...base,
				computed: true,
				firstRun: false,
				processingRate,
				error,
				historicalError,
				dError,
				newRate
			};
		}
	};
}
