/**
 * From a batch's start and end offsets to the Spark tasks that read it: the offset ranges
 * KafkaOffsetReaderAdmin.getOffsetRangesFromResolvedOffsets builds (with its data-loss checks on
 * the driver) and KafkaOffsetRangeCalculator.getRanges splits (`minPartitions`).
 */
import { type TopicPartition, tpString } from './broker';
import { type DataLossKind, scalaSet } from './data-loss';
import { type PartitionOffsets, sortedKeys, tpOfKey } from './offsets';

export interface KafkaOffsetRange {
	readonly topicPartition: TopicPartition;
	readonly fromOffset: number;
	readonly untilOffset: number;
}

export const rangeSize = (r: KafkaOffsetRange): number => r.untilOffset - r.fromOffset;

/** Called on each driver-side data-loss finding; throws when failOnDataLoss is true. */
export type ReportDataLoss = (
	kind: DataLossKind,
	params: Readonly<Record<string, string>>,
	warning: string
) => void;

/**
 * getOffsetRangesFromResolvedOffsets: partitions new since `from` start at their earliest offset
 * (and must start at 0, else data loss); partitions gone from `until` are data loss; a partition
 * whose end is below its start is data loss; then one range per partition with data.
 */
export function offsetRanges(
	from: PartitionOffsets,
	until: PartitionOffsets,
	earliestOf: (key: string) => number | undefined,
	reportDataLoss: ReportDataLoss,
	minPartitions?: number
): KafkaOffsetRange[] {
	const newKeys = [...until.keys()].filter((k) => !from.has(k));
	const newInitial = new Map<string, number>();
	for (const k of newKeys) {
		const e = earliestOf(k);
		if (e !== undefined) newInitial.set(k, e);
	}
	const missing = newKeys.filter((k) => !newInitial.has(k)).map(tpOfKey);
	if (missing.length > 0) {
		reportDataLoss(
			'INITIAL_OFFSET_NOT_FOUND_FOR_PARTITIONS',
			{ partitions: scalaSet(missing) },
			`Cannot find earliest offsets of ${scalaSet(missing)}. Some data may have been missed`
		);
	}
	for (const [k, o] of newInitial) {
		if (o !== 0) {
			reportDataLoss(
				'ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO',
				{ topicPartition: k, startOffset: String(o) },
				`Added partition ${k} starts from ${o} instead of 0. Some data may have been missed`
			);
		}
	}
	const deleted = [...from.keys()].filter((k) => !until.has(k)).map(tpOfKey);
	if (deleted.length > 0) {
		reportDataLoss(
			'PARTITIONS_DELETED',
			{ partitions: scalaSet(deleted) },
			`${scalaSet(deleted)} are gone. Some data may have been missed.`
		);
	}
	const ranges: KafkaOffsetRange[] = [];
	for (const k of sortedKeys(until)) {
		const fromOffset = from.get(k) ?? newInitial.get(k);
		const untilOffset = until.get(k);
		if (fromOffset === undefined || untilOffset === undefined) continue;
		if (untilOffset < fromOffset) {
			reportDataLoss(
				'PARTITION_OFFSET_CHANGED',
				{ topicPartition: k, prevOffset: String(fromOffset), newOffset: String(untilOffset) },
				`Partition ${k}'s offset was changed from ${fromOffset} to ${untilOffset}, some data may have been missed`
			);
		}
		ranges.push({ topicPartition: tpOfKey(k), fromOffset, untilOffset });
	}
	return splitRanges(ranges, minPartitions);
}

const partCount = (size: number, totalSize: number, minParts: number): number =>
	// Scala's math.round on a Double is floor(x + 0.5), as JavaScript's Math.round.
	Math.max(Math.round((size / totalSize) * minParts), 1);

/**
 * KafkaOffsetRangeCalculator.getRanges: drop empty and negative ranges; without `minPartitions`
 * (or with at least that many ranges) one Spark task per Kafka partition. Otherwise ranges whose
 * share of minPartitions rounds to 1 stay whole, and the others are cut into
 * round(size / splitTotal × (minPartitions − unsplit)) pieces, the last piece absorbing the
 * integer-division remainder.
 */
export function splitRanges(
	ranges: readonly KafkaOffsetRange[],
	minPartitions?: number
): KafkaOffsetRange[] {
	const nonEmpty = ranges.filter((r) => rangeSize(r) > 0);
	if (minPartitions === undefined || nonEmpty.length >= minPartitions) return nonEmpty;
	const totalSize = nonEmpty.reduce((s, r) => s + rangeSize(r), 0);
	const unsplit = new Set(
		nonEmpty
			.filter((r) => partCount(rangeSize(r), totalSize, minPartitions) === 1)
			.map((r) => tpString(r.topicPartition))
	);
	const unsplitTotal = nonEmpty
		.filter((r) => unsplit.has(tpString(r.topicPartition)))
		.reduce((s, r) => s + rangeSize(r), 0);
	const splitTotal = totalSize - unsplitTotal;
	const splitMin = Math.max(minPartitions - unsplit.size, 1);
	const out: KafkaOffsetRange[] = [];
	for (const r of nonEmpty) {
		const size = rangeSize(r);
		const parts = unsplit.has(tpString(r.topicPartition))
			? 1
			: partCount(size, splitTotal, splitMin);
		let remaining = size;
		let start = r.fromOffset;
		for (let part = 0; part < parts; part++) {
			const thisPart = Math.floor(remaining / (parts - part));
			remaining -= thisPart;
			const end = Math.min(start + thisPart, r.untilOffset);
			if (end > start)
				out.push({ topicPartition: r.topicPartition, fromOffset: start, untilOffset: end });
			start = end;
		}
	}
	return out;
}
