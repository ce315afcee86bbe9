/**
 * The spark.streaming.* settings the engine reads, with Spark's defaults: blockInterval 200 ms
 * (timeStringAsMs forms), receiver.maxRate unlimited, backpressure off, the PID constants
 * (1.0, 0.2, 0.0, minRate 100) and the direct Kafka per-partition rates (R8.2, R8.6, R8.7).
 */
import { PID_DEFAULTS } from './pid';
import type { PidConfig } from './pid';
import type { KafkaLimitConfig } from './rate';

/** Spark's timeStringAsMs for the forms configs use: "200ms", "2s", "1min", bare numbers = ms. */
export function timeMs(v: string | undefined, fallback: number): number {
	if (v === undefined) return fallback;
	const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)?\s*$/.exec(v);
	if (!m) return fallback;
	const unit = m[2] ?? 'ms';
	const scale = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'h' ? 3_600_000 : 60_000;
	return Math.round(Number(m[1]) * scale);
}

const num = (v: string | undefined, fallback: number): number =>
	v !== undefined && Number.isFinite(Number(v)) ? Number(v) : fallback;

export interface StreamingConf {
	readonly blockIntervalMs: number;
	/** Records/s per receiver; Infinity when unset (Long.MaxValue in Spark). */
	readonly maxRate: number;
	readonly backpressure: boolean;
	readonly initialRate: number | undefined;
	readonly pid: PidConfig;
	readonly kafka: KafkaLimitConfig;
}

export function readStreamingConf(
	conf: ReadonlyMap<string, string>,
	batchMs: number
): StreamingConf {
	const key = (k: string) => conf.get(`spark.streaming.${k}`);
	const maxRate = num(key('receiver.maxRate'), 0);
	return {
		blockIntervalMs: Math.max(1, timeMs(key('blockInterval'), 200)),
		maxRate: maxRate > 0 ? maxRate : Infinity,
		backpressure: key('backpressure.enabled') === 'true',
		initialRate:
			key('backpressure.initialRate') === undefined
				? undefined
				: num(key('backpressure.initialRate'), 0),
		pid: {
			batchIntervalMs: batchMs,
			proportional: num(key('backpressure.pid.proportional'), PID_DEFAULTS.proportional),
			integral: num(key('backpressure.pid.integral'), PID_DEFAULTS.integral),
			derivative: num(key('backpressure.pid.derived'), PID_DEFAULTS.derivative),
			minRate: num(key('backpressure.pid.minRate'), PID_DEFAULTS.minRate)
		},
		kafka: {
			batchMs,
			maxRatePerPartition: num(key('kafka.maxRatePerPartition'), 0),
			minRatePerPartition: num(key('kafka.minRatePerPartition'), 1)
		}
	};
}
