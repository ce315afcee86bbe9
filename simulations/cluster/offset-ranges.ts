/**
 * How the Kafka source turns a batch's offset ranges into read tasks when `minPartitions` is set
 * (Spark's KafkaOffsetRangeCalculator.getRanges, kafka-0-10-sql): empty ranges are dropped; with
 * at least `minPartitions` non-empty ranges each is one task; otherwise ranges whose share of
 * the batch is worth one part (round(size / total × minPartitions) = 1) stay whole, and the rest
 * are split in proportion to their size over the parts left (minPartitions − whole ranges, at
 * least 1), each part `remaining / parts left` offsets (integer division, the last part takes
 * the rounding). A hot partition therefore becomes several tasks instead of one long one.
 */

/** round(size / total × parts), at least 1 (Scala's math.round: half up). */
const partCount = (size: number, total: number, parts: number): number =>
	Math.max(Math.floor((size / total) * parts + 0.5), 1);

/** Rows per read task, in partition order, from rows per Kafka partition. */
export function offsetRangeTasks(rows: readonly number[], minPartitions: number | null): number[] {
	const ranges = rows.filter((r) => r > 0);
	if (minPartitions === null || ranges.length >= minPartitions) return ranges;
	const total = ranges.reduce((a, b) => a + b, 0);
	const whole = ranges.map((r) => partCount(r, total, minPartitions) === 1);
	const wholeCount = whole.filter(Boolean).length;
	const splitTotal = total - ranges.reduce((a, r, i) => a + (whole[i] ? r : 0), 0);
	const splitParts = Math.max(minPartitions - wholeCount, 1);
	const out: number[] = [];
	ranges.forEach((size, i) => {
		const parts = whole[i] ? 1 : partCount(size, splitTotal, splitParts);
		let remaining = size;
		for (let part = 0; part < parts; part++) {
			const n = Math.floor(remaining / (parts - part));
			remaining -= n;
			if (n > 0) out.push(n);
		}
	});
	return out;
}
