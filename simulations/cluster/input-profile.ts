/**
 * What producers write into the source, second by second, on counts (the Kafka producer of
 * ../sources materialises records; at 100,000 records/s the cluster model only counts them).
 * Noise is drawn from the seeded Rng, so a seed and a profile give the same arrivals every run.
 *
 * Within a second, arrivals are spread evenly, so the offset available at any millisecond (what
 * `latestOffset` returns at a trigger) and the arrival time of any offset (for end-to-end
 * latency) are both exact integer functions of the per-second counts.
 */
import type { Rng } from '../core/rng';
import { rateAt, type RateProfile as ProducerProfile } from '../sources/kafka/producer';
import { skewWeights, splitCount } from './partitions';

/**
 * The Kafka producers' rate profiles (../sources/kafka/producer.ts: steady, periodic bursts, one
 * spike, as records/s times a factor), or explicit counts per second (a silent source, a replayed
 * trace).
 */
export type RateProfile =
	ProducerProfile | { readonly kind: 'perSecond'; readonly counts: readonly number[] };

/** The producer's send tick: its counts accrue per 100 ms at the rate at the tick's start. */
const TICK_MS = 100;

/**
 * Records produced in each whole second [s, s+1) for `seconds` seconds: the profile's rate
 * summed over the second's ten producer ticks, times a seeded noise factor uniform in
 * [1 − jitter, 1 + jitter], rounded.
 */
export function arrivalsPerSecond(
	profile: RateProfile,
	seconds: number,
	rng: Rng,
	jitter = 0
): number[] {
	const n = Math.max(0, Math.ceil(seconds));
	const j = Math.min(1, Math.max(0, jitter));
	const out = new Array<number>(n);
	for (let s = 0; s < n; s++) {
		let exact = 0;
		if (profile.kind === 'perSecond') exact = profile.counts[s] ?? 0;
		else
			for (let t = s * 1000; t < (s + 1) * 1000; t += TICK_MS)
				exact += (rateAt(profile, t) * TICK_MS) / 1000;
		const noise = j === 0 ? 1 : 1 + j * (2 * rng.next() - 1);
		out[s] = Math.max(0, Math.round(exact * noise));
	}
	return out;
}

/**
 * A partitioned log (Kafka-like) fed by those arrivals: offsets per partition start at 0 and
 * the n-th record of a partition has offset n-1 (end offsets are exclusive, as Kafka's are).
 */
export class PartitionedArrivals {
	/** cum[p][s] = records in partition p produced before second s. */
	private readonly cum: Float64Array[];
	readonly seconds: number;

	constructor(
		readonly perSecond: readonly number[],
		readonly partitions: number,
		skew: number
	) {
		const weights = skewWeights(partitions, skew);
		this.seconds = perSecond.length;
		this.cum = Array.from({ length: weights.length }, () => new Float64Array(this.seconds + 1));
		for (let s = 0; s < this.seconds; s++) {
			const split = splitCount(perSecond[s] ?? 0, weights);
			for (let p = 0; p < weights.length; p++) {
				const c = this.cum[p] as Float64Array;
				c[s + 1] = (c[s] ?? 0) + (split[p] ?? 0);
			}
		}
	}

	/** Records produced in partition p before time t (ms): the latest offset at t. */
	offsetAt(p: number, t: number): number {
		const c = this.cum[p];
		if (!c || t <= 0) return 0;
		const s = Math.floor(t / 1000);
		if (s >= this.seconds) return c[this.seconds] ?? 0;
		const inSecond = (c[s + 1] ?? 0) - (c[s] ?? 0);
		return (c[s] ?? 0) + Math.floor((inSecond * (t - s * 1000)) / 1000);
	}

	/** Latest offsets of every partition at t. */
	offsetsAt(t: number): number[] {
		return Array.from({ length: this.cum.length }, (_, p) => this.offsetAt(p, t));
	}

	/** Total records produced before t. */
	producedBefore(t: number): number {
		let n = 0;
		for (let p = 0; p < this.cum.length; p++) n += this.offsetAt(p, t);
		return n;
	}

	/**
	 * When the record at `offset` in partition p was produced (ms): the first t with
	 * offsetAt(p, t) > offset.
	 */
	arrivalOf(p: number, offset: number): number {
		const c = this.cum[p];
		if (!c) return 0;
		// Second s holding the offset: c[s] <= offset < c[s+1].
		let lo = 0;
		let hi = this.seconds;
		if (offset >= (c[hi] ?? 0)) return this.seconds * 1000;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((c[mid] ?? 0) <= offset) lo = mid;
			else hi = mid - 1;
		}
		const s = lo;
		const inSecond = (c[s + 1] ?? 0) - (c[s] ?? 0);
		// offsetAt(s*1000 + x) = c[s] + floor(inSecond*x/1000) > offset  <=>  x >= ceil(k*1000/inSecond)
		const k = offset - (c[s] ?? 0) + 1;
		return s * 1000 + Math.ceil((k * 1000) / Math.max(1, inSecond));
	}
}
