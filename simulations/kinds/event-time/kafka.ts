/**
 * The simulated topics as Kafka records, the rows a `readStream.format("kafka")` source yields:
 * key, value (the JSON the program parses with from_json), topic, partition, offset, timestamp.
 * Offsets count up per topic partition in arrival order; the record timestamp is the producer's
 * send time (CreateTime), i.e. the arrival, not the event time in the value (SS-KAFKA schema).
 */
import type { EventTimeInput, EventTimeScenario } from './question';

export interface KafkaRecord {
	/** Virtual processing time the record becomes available to the source. */
	readonly arrivalMs: number;
	readonly key: string;
	readonly value: string;
	readonly topic: string;
	readonly partition: number;
	readonly offset: number;
	/** Epoch ms (CreateTime). */
	readonly timestampMs: number;
	/** Simulated event this record carries. */
	readonly eventId: string;
}

/** One partition per topic: the pages are about event time, not partitioning. */
export function kafkaRecords(
	scenario: Pick<EventTimeScenario, 'kafkaValue'>,
	input: EventTimeInput
): KafkaRecord[] {
	const out: KafkaRecord[] = [];
	for (const stream of input.streams) {
		stream.events.forEach((e, offset) =>
			out.push({
				arrivalMs: e.arrivalMs,
				key: e.key,
				value: scenario.kafkaValue(e),
				topic: stream.topic,
				partition: 0,
				offset,
				timestampMs: input.epochOffsetMs + e.arrivalMs,
				eventId: e.id
			})
		);
	}
	const byTopic = (a: KafkaRecord, b: KafkaRecord) =>
		a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0;
	return out.sort((a, b) => a.arrivalMs - b.arrivalMs || byTopic(a, b) || a.offset - b.offset);
}
