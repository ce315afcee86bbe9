/**
 * Admission control: how many offsets a batch takes from each source partition.
 *
 * Structured Streaming has no backpressure; its only brake is a per-source read limit.
 * `maxOffsetsPerTrigger` on the Kafka source (SPARK-SEMANTICS R7.1; KafkaMicroBatchStream
 * `latestOffset(start, ReadLimit)` → `rateLimit`): with sizes size(p) = available(p) − start(p)
 * for the partitions that have new data and total = Σ size, a batch takes, per partition,
 * prorate = limit × size(p) / total, rounded down when ≥ 1 and up when < 1 (small partitions
 * are not starved), never past what is available. Without a limit a batch takes everything
 * available, so after a spike the next batch is as big as the backlog.
 */

import { rateLimit as kafkaRateLimit } from '../sources/kafka/admission';

export type Admission =
	{ readonly kind: 'none' } | { readonly kind: 'maxOffsetsPerTrigger'; readonly limit: number };

/**
 * End offsets of the next batch given start offsets, available (latest) offsets and a limit:
 * the Kafka source's own rule (../sources/kafka/admission.ts `rateLimit`), on the cluster
 * model's partition arrays.
 */
export function rateLimit(
	start: readonly number[],
	available: readonly number[],
	limit: number
): number[] {
	const key = (p: number) => `t-${p}`;
	const from = new Map(start.map((o, p) => [key(p), o]));
	const until = new Map(available.map((o, p) => [key(p), o]));
	const end = kafkaRateLimit(limit, from, until, () => undefined);
	return available.map((a, p) => end.get(key(p)) ?? a);
}

/** The end offsets a batch reads under an admission policy. */
export function admit(
	admission: Admission,
	start: readonly number[],
	available: readonly number[]
): number[] {
	return admission.kind === 'maxOffsetsPerTrigger'
		? rateLimit(start, available, admission.limit)
		: available.slice();
}
