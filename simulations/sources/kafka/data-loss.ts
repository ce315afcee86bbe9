/**
 * Data loss: offsets a batch must read that Kafka no longer has (retention deleted them, the
 * partition was deleted, an added partition does not start at 0). With failOnDataLoss=true the
 * query fails with Spark's KAFKA_DATA_LOSS error; with false Spark logs a warning, skips the gap
 * and counts it (the reader's `offsetOutOfRange` and `dataLoss` custom metrics).
 * Texts: connector/kafka-0-10-sql/src/main/resources/error/kafka-error-conditions.json, built as
 * KafkaIllegalStateException does (ErrorClassesJsonReader.getErrorMessage: the message lines
 * joined by "\n", then " " and the sub-condition's lines; no "[CONDITION]" prefix, no SQLSTATE).
 */
import { StreamingSourceError } from '../contract';
import { type TopicPartition, tpString } from './broker';

const KAFKA_DATA_LOSS = [
	'Some data may have been lost because they are not available in Kafka any more;',
	'either the data was aged out by Kafka or the topic may have been deleted before all the data in the',
	'topic was processed.',
	"If you don't want your streaming query to fail on such cases, set the source option failOnDataLoss to false.",
	'Reason:'
].join('\n');

/** KafkaSourceProvider.INSTRUCTION_FOR_FAIL_ON_DATA_LOSS_FALSE (a stripMargin string), for warnings. */
export const INSTRUCTION_FOR_FAIL_ON_DATA_LOSS_FALSE =
	'\nSome data may have been lost because they are not available in Kafka any more; either the\n' +
	' data was aged out by Kafka or the topic may have been deleted before all the data in the\n' +
	' topic was processed. If you want your streaming query to fail on such cases, set the source\n' +
	' option "failOnDataLoss" to "true".\n    ';

export type DataLossKind =
	| 'COULD_NOT_READ_OFFSET_RANGE'
	| 'ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO'
	| 'PARTITIONS_DELETED'
	| 'INITIAL_OFFSET_NOT_FOUND_FOR_PARTITIONS'
	| 'PARTITION_OFFSET_CHANGED';

/** Scala's Set.toString for topic-partitions (element order here: sorted). */
export const scalaSet = (tps: readonly TopicPartition[]): string =>
	`Set(${tps.map(tpString).sort().join(', ')})`;

function reason(kind: DataLossKind, p: Readonly<Record<string, string>>): string {
	switch (kind) {
		case 'COULD_NOT_READ_OFFSET_RANGE':
			return (
				`Could not read records in offset [${p.startOffset}, ${p.endOffset}) for topic partition ${p.topicPartition}\n` +
				`with consumer group ${p.groupId}.`
			);
		case 'ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO':
			return `Added partition ${p.topicPartition} starts from ${p.startOffset} instead of 0.`;
		case 'PARTITIONS_DELETED':
			return `Partitions ${p.partitions} have been deleted.`;
		case 'INITIAL_OFFSET_NOT_FOUND_FOR_PARTITIONS':
			return `Cannot find initial offsets for partitions ${p.partitions}. They may have been deleted.`;
		case 'PARTITION_OFFSET_CHANGED':
			return (
				`Partition ${p.topicPartition} offset was changed from ${p.prevOffset} to ${p.newOffset}.\n` +
				'This could either be a user error that the start offset is set too high and this is the first batch, ' +
				'or the kafka topic-partition is broken, and some data may have been missed.'
			);
	}
}

export function kafkaDataLossError(
	kind: DataLossKind,
	params: Readonly<Record<string, string>>
): StreamingSourceError {
	return new StreamingSourceError(
		`${KAFKA_DATA_LOSS} ${reason(kind, params)}`,
		`KAFKA_DATA_LOSS.${kind}`
	);
}

/** One data-loss event the source survived (failOnDataLoss=false): what a warning would say. */
export interface DataLossEvent {
	readonly kind: DataLossKind;
	readonly topicPartition: string;
	/** The offsets skipped because they no longer exist (0 for driver-side warnings). */
	readonly skippedOffsets: number;
	readonly warning: string;
}
