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

export type Admission =
	{ readonly kind: 'none' } | { readonly kind: 'maxOffsetsPerTrigger'; readonly limit: number };

/** End offsets of the next batch given start offsets, available (latest) offsets and a limit. */
export function rateLimit(
	start: readonly number[],
	available: readonly number[],
	limit: number
): number[] {
	const sizes = available.map((a, p) => a - (start[p] ?? 0));
	let total = 0;
	for (const s of sizes) if (s > 0) total += s;
	if (total < 1) return available.slice();
	return available.map((a, p) => {
		const from = start[p] ?? 0;
		const size = sizes[p] ?? 0;
		if (size <= 0) return a;
		const prorate = limit * (size / total);
		const take = prorate < 1 ? Math.ceil(prorate) : Math.floor(prorate);
		return Math.min(a, from + take);
	});
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
