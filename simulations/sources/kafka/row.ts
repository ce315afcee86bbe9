/**
 * The Kafka source's row schema and how a record becomes a row (KafkaRecordToRowConverter):
 * key binary, value binary, topic string, partition int, offset bigint, timestamp timestamp,
 * timestampType int (0 CreateTime, 1 LogAppendTime); `headers` only with includeHeaders=true,
 * which this simulation's producer never sets.
 */
import type { SourceField, SourceRow } from '../contract';
import type { KafkaRecord } from './broker';

export const KAFKA_SCHEMA: readonly SourceField[] = [
	{ name: 'key', type: 'binary' },
	{ name: 'value', type: 'binary' },
	{ name: 'topic', type: 'string' },
	{ name: 'partition', type: 'int' },
	{ name: 'offset', type: 'bigint' },
	{ name: 'timestamp', type: 'timestamp' },
	{ name: 'timestampType', type: 'int' }
];

/** Binary columns carry the bytes' UTF-8 text, which is what CAST(value AS STRING) shows. */
export const recordToRow = (r: KafkaRecord): SourceRow => ({
	key: r.key,
	value: r.value,
	topic: r.topic,
	partition: r.partition,
	offset: r.offset,
	// Spark stores timestamps in microseconds.
	timestamp: r.timestampMs * 1000,
	timestampType: r.timestampType
});
