/**
 * Ingestion limits (SPARK-SEMANTICS R8.2, R8.6, R8.7). A receiver's RateLimiter admits at most
 * `rate` records/s (spark.streaming.receiver.maxRate; backpressure lowers it to
 * min(newRate, maxRate), ignoring rates <= 0; it starts at min(initialRate, maxRate)); what it
 * does not admit waits in the source. Direct Kafka bounds each batch per partition with
 * DirectKafkaInputDStream.maxMessagesPerPartition and clamps to the latest offsets.
 */

/** A token bucket refilled continuously at `rate`; fractional allowance carries over. */
export class ReceiverRateLimiter {
	private allowance = 0;
	rate: number;
	constructor(
		/** spark.streaming.receiver.maxRate; Infinity when unset (Long.MaxValue in Spark). */
		readonly maxRate: number,
		initialRate?: number
	) {
		this.rate = initialRate !== undefined ? Math.min(initialRate, maxRate) : maxRate;
	}

	/** RateLimiter.updateRate: the published rate applies, capped by maxRate; <= 0 is ignored. */
	updateRate(newRate: number): void {
		if (newRate > 0) this.rate = Math.min(newRate, this.maxRate);
	}

	/** How many of `waiting` records may be stored during `elapsedMs`. */
	admit(waiting: number, elapsedMs: number): number {
		if (!Number.isFinite(this.rate)) return waiting;
		this.allowance = Math.min(
			this.allowance + (this.rate * elapsedMs) / 1000,
			Math.max(1, this.rate)
		);
		const n = Math.min(waiting, Math.floor(this.allowance));
		this.allowance -= n;
		return n;
	}
}

export interface KafkaLimitConfig {
	readonly batchMs: number;
	/** spark.streaming.kafka.maxRatePerPartition (0 = none). */
	readonly maxRatePerPartition: number;
	/** spark.streaming.kafka.minRatePerPartition (default 1). */
	readonly minRatePerPartition: number;
}

/**
 * DirectKafkaInputDStream: the offset ranges of one batch. `rate` is the backpressure estimate
 * (or initialRate before one exists), undefined without backpressure.
 */
export function kafkaUntilOffsets(
	current: readonly number[],
	latest: readonly number[],
	rate: number | undefined,
	cfg: KafkaLimitConfig
): number[] {
	const lag = latest.map((l, i) => Math.max(0, l - (current[i] ?? 0)));
	let perPartition: number[] | undefined;
	if (rate !== undefined && rate > 0) {
		const total = lag.reduce((a, b) => a + b, 0);
		perPartition = lag.map((l) => {
			const backpressureRate = total > 0 ? (l / total) * rate : 0;
			return cfg.maxRatePerPartition > 0
				? Math.min(backpressureRate, cfg.maxRatePerPartition)
				: backpressureRate;
		});
	} else if (cfg.maxRatePerPartition > 0) {
		perPartition = lag.map(() => cfg.maxRatePerPartition);
	}
	const secs = cfg.batchMs / 1000;
	if (perPartition && perPartition.reduce((a, b) => a + b, 0) > 0) {
		return current.map((c, i) => {
			const messages = Math.max(
				Math.floor(secs * (perPartition?.[i] ?? 0)),
				cfg.minRatePerPartition
			);
			return Math.min(c + messages, latest[i] ?? c);
		});
	}
	return [...latest];
}
