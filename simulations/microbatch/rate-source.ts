/**
 * The `rate` source (SPARK-SEMANTICS.md R7.2; RateStreamMicroBatchStream).
 * Its offset is the number of whole seconds elapsed since the source was created, so a trigger
 * sees new rows only once another full second has passed. A batch covering seconds (s0, s1]
 * emits values valueAtSecond(s0) … valueAtSecond(s1) − 1, spread evenly over those seconds, and
 * partition p gets values start + p, start + p + numPartitions, … (round-robin).
 */
import type { ProcTimeMs } from '../core/time';
import type { InputRow, MicroBatchSource } from './source';

export interface RateSpec {
	readonly rowsPerSecond: number;
	readonly numPartitions: number;
	/** The source's creation time: second 0 of its offsets. */
	readonly creationMs: ProcTimeMs;
	readonly numPartitionsOption?: boolean;
	/** rampUpTime in whole seconds (default 0): the rate grows linearly to rowsPerSecond. */
	readonly rampUpTimeSeconds?: number;
}

/**
 * The first value of second `second` (RateStreamMicroBatchStream.valueAtSecond). During the
 * ramp-up the speed grows by speedDeltaPerSecond = rowsPerSecond / (rampUpTime + 1) (integer
 * division) each second, so second s ends at speedDelta * s * (s + 1) / 2; after it, every
 * second holds rowsPerSecond values.
 * @example rowsPerSecond 10, rampUpTime 4: seconds 0..6 start at 0, 2, 6, 12, 20, 30, 40
 */
export function valueAtSecond(spec: RateSpec, second: number): number {
	const ramp = spec.rampUpTimeSeconds ?? 0;
	const delta = Math.floor(spec.rowsPerSecond / (ramp + 1));
	if (ramp > 0 && second <= ramp) {
		// Spark halves whichever factor is even, so the product stays an exact Long.
		return second % 2 === 1
			? ((second + 1) / 2) * delta * second
			: (second / 2) * delta * (second + 1);
	}
	if (ramp > 0) return valueAtSecond(spec, ramp) + (second - ramp) * spec.rowsPerSecond;
	return second * spec.rowsPerSecond;
}

/** latestOffset: whole seconds since creation (a LongOffset in Spark). */
export function rateLatestOffset(spec: RateSpec, now: ProcTimeMs): number {
	return Math.max(0, Math.floor((now - spec.creationMs) / 1000));
}

/**
 * The rows a batch over seconds (s0, s1] reads, in value order.
 * @example rateRows({ rowsPerSecond: 5, numPartitions: 2, creationMs: 0 }, 0, 2)
 * // values 0…9, value v at 200·v ms, partition 0 gets 0,2,4,6,8
 */
export function rateRows(spec: RateSpec, s0: number, s1: number): InputRow[] {
	const start = valueAtSecond(spec, s0);
	const end = valueAtSecond(spec, s1);
	if (end <= start) return [];
	const localStartMs = spec.creationMs + s0 * 1000;
	// Spark computes this as a Double and rounds each timestamp to a whole millisecond.
	const msPerValue = ((s1 - s0) * 1000) / (end - start);
	const rows: InputRow[] = [];
	for (let v = start; v < end; v++) {
		rows.push({
			id: v,
			value: v,
			timestampMs: (localStartMs + Math.round((v - start) * msPerValue)) as ProcTimeMs,
			partition: (v - start) % spec.numPartitions,
			text: String(v)
		});
	}
	return rows;
}

/** The second (offset) a row of value v belongs to: it is readable once that second is over. */
export function secondOfValue(spec: RateSpec, value: number): number {
	const ramp = spec.rampUpTimeSeconds ?? 0;
	if (ramp === 0 || value >= valueAtSecond(spec, ramp))
		return ramp + Math.floor((value - valueAtSecond(spec, ramp)) / spec.rowsPerSecond);
	let s = 0;
	while (valueAtSecond(spec, s + 1) <= value) s++;
	return s;
}

export function rateSource(spec: RateSpec): MicroBatchSource {
	return {
		// Verbatim RateStreamMicroBatchStream.toString, which has no closing bracket.
		description:
			`RateStreamV2[rowsPerSecond=${spec.rowsPerSecond}, rampUpTimeSeconds=${spec.rampUpTimeSeconds ?? 0}, ` +
			`numPartitions=${spec.numPartitionsOption ? spec.numPartitions : 'default'}`,
		initialOffset: 0,
		supportsAvailableNow: false,
		latestOffset: (now) => rateLatestOffset(spec, now),
		read: (start, end) => rateRows(spec, start, end)
	};
}
