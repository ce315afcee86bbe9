/**
 * A simulated Kafka cluster: topics whose partitions are append-only logs. Offsets count from 0 per
 * partition and never repeat; retention moves a partition's log start offset forward (the records
 * before it are gone, their offsets stay used), as Kafka's log retention and deleteRecords do.
 * What the Spark source sees of it is what Kafka's admin/consumer APIs return: each partition's
 * earliest (log start) and latest (log end, the next offset to be written) offsets, and records.
 */

/** 0 = CreateTime (the producer's clock), 1 = LogAppendTime (the broker's), Kafka's TimestampType. */
export type TimestampType = 0 | 1;

export interface KafkaRecord {
	readonly topic: string;
	readonly partition: number;
	readonly offset: number;
	/** The key's and value's bytes, shown as their UTF-8 text; null key = no key. */
	readonly key: string | null;
	readonly value: string | null;
	/** Milliseconds since the epoch, on the simulation's virtual clock. */
	readonly timestampMs: number;
	readonly timestampType: TimestampType;
}

export interface TopicPartition {
	readonly topic: string;
	readonly partition: number;
}

/** Kafka's TopicPartition.toString: "topic-partition". */
export const tpString = (tp: TopicPartition): string => `${tp.topic}-${tp.partition}`;

interface PartitionLog {
	/** Offset of records[0]: the log start offset once retention has deleted the head. */
	logStart: number;
	readonly records: KafkaRecord[];
}

export interface SendSpec {
	readonly topic: string;
	/** Omitted: the default partitioner; for null keys this simulation uses round-robin. */
	readonly partition?: number;
	readonly values: readonly (string | null)[];
	readonly key?: string | null;
	readonly timestampMs: number;
	readonly timestampType?: TimestampType;
}

export class KafkaBroker {
	private readonly topics = new Map<string, PartitionLog[]>();
	/** Where the next keyless record without a partition goes, per topic (sticky round-robin). */
	private readonly nextPartition = new Map<string, number>();

	createTopic(topic: string, partitions: number): void {
		if (this.topics.has(topic)) throw new Error(`Topic '${topic}' already exists.`);
		if (!Number.isInteger(partitions) || partitions < 1) {
			throw new Error(`Number of partitions must be larger than 0.`);
		}
		this.topics.set(
			topic,
			Array.from({ length: partitions }, () => ({ logStart: 0, records: [] }))
		);
	}

	/** Admin.createPartitions: raise a topic to `total` partitions (Kafka never lowers it). */
	addPartitions(topic: string, total: number): void {
		const logs = this.logsOf(topic);
		if (total <= logs.length) {
			throw new Error(
				`Topic currently has ${logs.length} partitions, which is higher than the requested ${total}.`
			);
		}
		while (logs.length < total) logs.push({ logStart: 0, records: [] });
	}

	topicNames(): string[] {
		return [...this.topics.keys()].sort();
	}

	partitionCount(topic: string): number {
		return this.topics.get(topic)?.length ?? 0;
	}

	/** Every partition of the given topics, in topic then partition order. */
	partitionsOf(topics: readonly string[]): TopicPartition[] {
		return topics.flatMap((topic) =>
			Array.from({ length: this.partitionCount(topic) }, (_, partition) => ({ topic, partition }))
		);
	}

	/** Producer.send for each value, in order; sending to an unknown topic creates it (1 partition). */
	send(spec: SendSpec): KafkaRecord[] {
		if (!this.topics.has(spec.topic)) this.createTopic(spec.topic, 1);
		const logs = this.logsOf(spec.topic);
		return spec.values.map((value) => {
			const partition = spec.partition ?? this.roundRobin(spec.topic, logs.length);
			const log = logs[partition];
			if (log === undefined) {
				throw new Error(`Partition ${partition} of topic '${spec.topic}' does not exist.`);
			}
			const record: KafkaRecord = {
				topic: spec.topic,
				partition,
				offset: log.logStart + log.records.length,
				key: spec.key ?? null,
				value,
				timestampMs: spec.timestampMs,
				timestampType: spec.timestampType ?? 0
			};
			log.records.push(record);
			return record;
		});
	}

	/** The log start offset (Admin.listOffsets(earliest)). */
	earliest(tp: TopicPartition): number {
		return this.logOf(tp).logStart;
	}

	/** The log end offset: the offset the next record will get (Admin.listOffsets(latest)). */
	latest(tp: TopicPartition): number {
		const log = this.logOf(tp);
		return log.logStart + log.records.length;
	}

	has(tp: TopicPartition): boolean {
		return (this.topics.get(tp.topic)?.length ?? 0) > tp.partition && tp.partition >= 0;
	}

	/** Records with offsets in [from, until) that still exist. */
	records(tp: TopicPartition, from: number, until: number): KafkaRecord[] {
		const log = this.logOf(tp);
		const lo = Math.max(from, log.logStart) - log.logStart;
		const hi = Math.min(until, log.logStart + log.records.length) - log.logStart;
		return hi > lo ? log.records.slice(lo, hi) : [];
	}

	/** Admin.deleteRecords: everything before `beforeOffset` is gone (the log start moves there). */
	deleteRecordsBefore(tp: TopicPartition, beforeOffset: number): number {
		const log = this.logOf(tp);
		const end = log.logStart + log.records.length;
		const target = Math.min(Math.max(beforeOffset, log.logStart), end);
		const removed = target - log.logStart;
		log.records.splice(0, removed);
		log.logStart = target;
		return removed;
	}

	/**
	 * Time-based retention (retention.ms): records older than `nowMs − retentionMs` are deleted from
	 * the head. Kafka deletes whole segments; here each record is its own segment, the finest case.
	 */
	applyRetention(retentionMs: number, nowMs: number): number {
		let removed = 0;
		for (const [topic, logs] of this.topics) {
			logs.forEach((log, partition) => {
				let k = 0;
				while (k < log.records.length && (log.records[k]?.timestampMs ?? 0) < nowMs - retentionMs)
					k++;
				if (k > 0) removed += this.deleteRecordsBefore({ topic, partition }, log.logStart + k);
			});
		}
		return removed;
	}

	private roundRobin(topic: string, count: number): number {
		const p = this.nextPartition.get(topic) ?? 0;
		this.nextPartition.set(topic, (p + 1) % count);
		return p % count;
	}

	private logsOf(topic: string): PartitionLog[] {
		const logs = this.topics.get(topic);
		if (logs === undefined) throw new Error(`Topic '${topic}' does not exist.`);
		return logs;
	}

	private logOf(tp: TopicPartition): PartitionLog {
		const log = this.logsOf(tp.topic)[tp.partition];
		if (log === undefined) throw new Error(`Partition ${tpString(tp)} does not exist.`);
		return log;
	}
}
