/**
 * Splitting a count of rows over partitions without materialising them. Kafka's producer
 * partitioner (murmur2 of the key mod partitions) and Spark's shuffle (HashPartitioning: hash of
 * the grouping key mod spark.sql.shuffle.partitions) both send every row of a key to one
 * partition, so a hot key makes one partition, and the one task that reads it, slower than the
 * rest. The model keeps that effect with a single `skew` number and splits exactly (largest
 * remainder), so the partition counts always add up to the total: conservation is by construction.
 */

/**
 * Weights for `n` partitions: `skew` ∈ [0, 1) is the share of rows that goes to partition 0 on
 * top of an even spread (a hot key). skew 0 is uniform; skew 0.5 with 4 partitions gives
 * 0.5 + 0.5/4 = 0.625 to partition 0 and 0.125 to each other one.
 */
const weightCache = new Map<string, readonly number[]>();

export function skewWeights(n: number, skew: number): readonly number[] {
	const key = `${n}:${skew}`;
	const hit = weightCache.get(key);
	if (hit) return hit;
	const w = computeWeights(n, skew);
	if (weightCache.size < 256) weightCache.set(key, w);
	return w;
}

function computeWeights(n: number, skew: number): number[] {
	const count = Math.max(1, Math.floor(n));
	const s = Math.min(0.999, Math.max(0, skew));
	const even = (1 - s) / count;
	return Array.from({ length: count }, (_, i) => (i === 0 ? s + even : even));
}

/**
 * `total` rows split by `weights` into whole counts that sum to `total` exactly: floor of each
 * share, then the leftover rows one by one to the largest remainders (ties to the lower index,
 * so the split is deterministic).
 */
export function splitCount(total: number, weights: readonly number[]): number[] {
	const n = weights.length;
	if (n === 0) return [];
	const rows = Math.max(0, Math.floor(total));
	const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
	if (sum <= 0)
		return splitCount(
			rows,
			weights.map(() => 1)
		);
	const out = new Array<number>(n);
	const rem = new Array<number>(n);
	let given = 0;
	for (let i = 0; i < n; i++) {
		const exact = (rows * Math.max(0, weights[i] ?? 0)) / sum;
		const whole = Math.floor(exact + 1e-9);
		out[i] = whole;
		rem[i] = exact - whole;
		given += whole;
	}
	let left = rows - given;
	if (left > 0 && weights.every((w) => w === weights[0])) {
		// Equal weights: equal remainders, so the leftover rows go to the lowest indices.
		for (let i = 0; i < left; i++) out[i] = (out[i] ?? 0) + 1;
		return out;
	}
	if (left <= 0) return out;
	// Leftover rows to the largest remainders, ties to the lower index. Skew weights have only a
	// couple of distinct remainders, so walk the indices once per distinct value instead of
	// sorting them all (this runs once per batch for 200 shuffle partitions).
	const distinct = [...new Set(rem)].sort((a, b) => b - a);
	if (distinct.length <= 8) {
		for (const r of distinct) {
			for (let i = 0; i < n && left > 0; i++) {
				if (rem[i] === r) {
					out[i] = (out[i] ?? 0) + 1;
					left--;
				}
			}
			if (left <= 0) break;
		}
		return out;
	}
	const order = Array.from({ length: n }, (_, i) => i).sort(
		(a, b) => (rem[b] ?? 0) - (rem[a] ?? 0) || a - b
	);
	for (let k = 0; left > 0; k = (k + 1) % n, left--) {
		const i = order[k] ?? 0;
		out[i] = (out[i] ?? 0) + 1;
	}
	return out;
}
