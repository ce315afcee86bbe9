/**
 * The `rate` source's continuous reader (RateStreamContinuousStream, ContinuousRateStreamSource.scala).
 * Unlike the micro-batch rate source (whole-second offsets), each partition is its own clock: it
 * sleeps `(1000 / (rowsPerSecond / numPartitions)).toLong` ms between rows, stamps each row with the
 * time it was due (not the time it was read), and its offset is the pair (last value, that time).
 * Partition p emits values p, p + n, p + 2n, …; its initial offset is (p − n, creation time).
 */

/** One partition's position: the last value emitted and the time it was due (exclusive start). */
export interface RatePartitionOffset {
	readonly value: number;
	readonly runTimeMs: number;
}

/**
 * The reader's sleep between rows, truncated to whole milliseconds as Scala's `.toLong` does.
 * @example readTimeIncrementMs(100, 2) // 20: 50 rows/s per partition
 * @example readTimeIncrementMs(300, 2) // 6, not 6.67: the source runs faster than asked
 */
export function readTimeIncrementMs(rowsPerSecond: number, numPartitions: number): number {
	return Math.trunc(1000 / (rowsPerSecond / numPartitions));
}

/** Rows per second all partitions actually emit once the increment is truncated. */
export function effectiveRowsPerSecond(rowsPerSecond: number, numPartitions: number): number {
	const inc = readTimeIncrementMs(rowsPerSecond, numPartitions);
	return inc === 0 ? Infinity : (numPartitions * 1000) / inc;
}

/** createInitialOffset: partition p's first row has value p, due one increment after creation. */
export function initialOffsets(numPartitions: number, creationMs: number): RatePartitionOffset[] {
	return Array.from({ length: numPartitions }, (_, p) => ({
		value: p - numPartitions,
		runTimeMs: creationMs
	}));
}

/** The k-th row (k ≥ 1) a reader started at `from` emits: value and due time. */
export function rowAfter(
	from: RatePartitionOffset,
	k: number,
	numPartitions: number,
	incrementMs: number
): RatePartitionOffset {
	return { value: from.value + k * numPartitions, runTimeMs: from.runTimeMs + k * incrementMs };
}
