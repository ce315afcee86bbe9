/**
 * KafkaMicroBatchStream over the simulated broker: the Kafka source as the micro-batch loop sees
 * it (SupportsAdmissionControl, SupportsTriggerAvailableNow, ReportsSourceMetrics).
 *
 * - initialOffset: resolved from `startingOffsets` at the query's FIRST start and written to the
 *   checkpoint's sources/<i>/0 (KafkaSourceInitialOffsetWriter); any later start reads it back, so
 *   startingOffsets is ignored on restart (and the loop resumes from offsets/N anyway).
 * - latestOffset(start, limit): fetches the latest offsets (or the ones prefetched for
 *   AvailableNow), then ReadAllAvailable > ReadMinRows (may skip: returns `start`) > ReadMaxRows
 *   (rateLimit) > everything.
 * - planInputPartitions: one range per partition with data (new partitions from their earliest
 *   offset), driver-side data-loss checks; readPartition: the executor's read, which finds offsets
 *   deleted by retention: failOnDataLoss=true fails the query with KAFKA_DATA_LOSS, false skips
 *   the gap and counts it.
 */
import type { ReadLimit } from '../read-limit';
import {
	compositeReadLimit,
	findLimit,
	readAllAvailable,
	readMaxRows,
	readMinRows
} from '../read-limit';
import {
	type SourceClock,
	type SourcePartition,
	type SourceRow,
	type StreamingSource,
	StreamingSourceError
} from '../contract';
import { delayBatch, rateLimit } from './admission';
import { type KafkaBroker, type TopicPartition, tpString } from './broker';
import {
	type DataLossEvent,
	INSTRUCTION_FOR_FAIL_ON_DATA_LOSS_FALSE,
	kafkaDataLossError,
	scalaSet
} from './data-loss';
import {
	EARLIEST,
	LATEST,
	type PartitionOffsets,
	kafkaOffsetJson,
	offsetsOf,
	parseKafkaOffsetJson,
	sameOffsets,
	tpOfKey
} from './offsets';
import type { KafkaSourceOptions, SubscriptionStrategy } from './options';
import { type ReportDataLoss, offsetRanges } from './ranges';
import { KAFKA_SCHEMA, recordToRow } from './row';

/** What survives a restart besides offsets/N: the metadata log sources/<i>/0. */
export interface KafkaSourceCheckpoint {
	initialOffsets: PartitionOffsets | null;
}

export interface KafkaStreamConfig {
	readonly broker: KafkaBroker;
	readonly options: KafkaSourceOptions;
	readonly clock: SourceClock;
	readonly checkpoint: KafkaSourceCheckpoint;
	/** The executors' consumer group ("spark-kafka-source-<uuid>-<hash>-executor" in Spark). */
	readonly groupId?: string;
}

/** ConsumerStrategy.toString, as it appears in the progress' description KafkaV2[…]. */
function strategyString(s: SubscriptionStrategy): string {
	switch (s.kind) {
		case 'subscribe':
			return `Subscribe[${s.topics.join(', ')}]`;
		case 'subscribePattern':
			return `SubscribePattern[${s.pattern}]`;
		case 'assign':
			return `Assign[${s.partitions.map(tpString).join(', ')}]`;
	}
}

/** Scala's Double.toString for the averages in the progress metrics. */
const scalaDouble = (v: number): string => (Number.isInteger(v) ? `${v}.0` : String(v));

export class KafkaMicroBatchStream implements StreamingSource<PartitionOffsets> {
	readonly schema = KAFKA_SCHEMA;
	readonly replayable = true;
	readonly description: string;
	/** Reset on every (re)start: a fresh source instance, as in Spark. */
	private lastTriggerMillis = 0;
	private latestPartitionOffsets: PartitionOffsets | null = null;
	private allDataForTriggerAvailableNow: PartitionOffsets | null = null;
	/** The reader's custom metrics: offsets skipped, and how many times data loss was met. */
	offsetOutOfRange = 0;
	dataLoss = 0;
	readonly dataLossEvents: DataLossEvent[] = [];
	/** What the last latestOffset call decided, for pages that explain a skipped trigger. */
	lastDecision: { skipped: boolean; newRecords: number | null; lastTriggerMillis: number } | null =
		null;

	constructor(private readonly cfg: KafkaStreamConfig) {
		this.description = `KafkaV2[${strategyString(cfg.options.strategy)}]`;
	}

	/** ConsumerStrategy.assignedTopicPartitions against the broker's current metadata. */
	assignedPartitions(): TopicPartition[] {
		const { broker, options } = this.cfg;
		const s = options.strategy;
		if (s.kind === 'subscribe')
			return broker.partitionsOf(s.topics.filter((t) => broker.partitionCount(t) > 0));
		if (s.kind === 'assign') return s.partitions.filter((tp) => broker.has(tp));
		let re: RegExp;
		try {
			re = new RegExp(`^(?:${s.pattern})$`);
		} catch {
			return [];
		}
		return broker.partitionsOf(broker.topicNames().filter((t) => re.test(t)));
	}

	getDefaultReadLimit(): ReadLimit {
		const {
			minOffsetsPerTrigger: min,
			maxOffsetsPerTrigger: max,
			maxTriggerDelayMs
		} = this.cfg.options;
		if (min !== undefined && max !== undefined) {
			return compositeReadLimit([readMinRows(min, maxTriggerDelayMs), readMaxRows(max)]);
		}
		if (min !== undefined) return readMinRows(min, maxTriggerDelayMs);
		return max !== undefined ? readMaxRows(max) : readAllAvailable;
	}

	initialOffset(): PartitionOffsets {
		const cp = this.cfg.checkpoint;
		if (cp.initialOffsets !== null) return cp.initialOffsets;
		const { broker, options } = this.cfg;
		const assigned = this.assignedPartitions();
		const so = options.startingOffsets;
		let offsets: PartitionOffsets;
		if (so.kind === 'earliest')
			offsets = offsetsOf(assigned.map((tp) => [tp, broker.earliest(tp)] as const));
		else if (so.kind === 'latest')
			offsets = offsetsOf(assigned.map((tp) => [tp, broker.latest(tp)] as const));
		else {
			const specified = [...so.offsets.keys()].sort();
			const assignedKeys = assigned.map(tpString).sort();
			if (specified.join('\u0000') !== assignedKeys.join('\u0000')) {
				throw new StreamingSourceError(
					"Partitions specified for Kafka start offsets don't match what are assigned. Maybe topic partitions are created \n" +
						'or deleted while the query is running. Use -1 for latest, -2 for earliest.\n' +
						`Specified: ${scalaSet(specified.map(tpOfKey))} Assigned: ${scalaSet(assigned)}`,
					'KAFKA_START_OFFSET_DOES_NOT_MATCH_ASSIGNED'
				);
			}
			offsets = offsetsOf(
				assigned.map((tp) => {
					const want = so.offsets.get(tpString(tp)) ?? LATEST;
					const off =
						want === EARLIEST ? broker.earliest(tp) : want === LATEST ? broker.latest(tp) : want;
					return [tp, off] as const;
				})
			);
		}
		cp.initialOffsets = offsets;
		return offsets;
	}

	private fetchLatestOffsets(): PartitionOffsets {
		return offsetsOf(
			this.assignedPartitions().map((tp) => [tp, this.cfg.broker.latest(tp)] as const)
		);
	}

	private earliestOf = (key: string): number | undefined => {
		const tp = tpOfKey(key);
		return this.cfg.broker.has(tp) ? this.cfg.broker.earliest(tp) : undefined;
	};

	latestOffset(start: PartitionOffsets, limit: ReadLimit): PartitionOffsets | null {
		const latest = this.allDataForTriggerAvailableNow ?? this.fetchLatestOffsets();
		this.latestPartitionOffsets = latest;
		let offsets: PartitionOffsets = latest;
		this.lastDecision = null;
		if (!findLimit(limit, 'allAvailable')) {
			const lower = findLimit(limit, 'minRows');
			const upper = findLimit(limit, 'maxRows');
			let skipped = false;
			if (lower) {
				const d = delayBatch(
					lower.rows,
					latest,
					start,
					lower.maxTriggerDelayMs,
					this.cfg.clock.nowMs(),
					this.lastTriggerMillis
				);
				this.lastTriggerMillis = d.lastTriggerMillis;
				this.lastDecision = {
					skipped: d.skip,
					newRecords: d.newRecords,
					lastTriggerMillis: d.lastTriggerMillis
				};
				skipped = d.skip;
			}
			if (skipped) offsets = start;
			else if (upper) offsets = rateLimit(upper.maxRows, start, latest, this.earliestOf);
		}
		return offsets.size === 0 ? null : offsets;
	}

	reportLatestOffset(): PartitionOffsets | null {
		const l = this.latestPartitionOffsets;
		return l === null || l.size === 0 ? null : l;
	}

	prepareForTriggerAvailableNow(): void {
		// Spark 4: the prefetch happens here, from the initial offsets' partitions.
		this.initialOffset();
		this.allDataForTriggerAvailableNow = this.fetchLatestOffsets();
	}

	private reportDataLoss: ReportDataLoss = (kind, params, warning) => {
		if (this.cfg.options.failOnDataLoss) throw kafkaDataLossError(kind, params);
		this.dataLossEvents.push({
			kind,
			topicPartition: params.topicPartition ?? params.partitions ?? '',
			skippedOffsets: 0,
			warning: `${warning}. ${INSTRUCTION_FOR_FAIL_ON_DATA_LOSS_FALSE}`
		});
	};

	planInputPartitions(start: PartitionOffsets, end: PartitionOffsets): SourcePartition[] {
		const ranges = offsetRanges(
			start,
			end,
			this.earliestOf,
			this.reportDataLoss,
			this.cfg.options.minPartitions
		);
		return ranges.map((r) => ({
			label: tpString(r.topicPartition),
			from: r.fromOffset,
			until: r.untilOffset
		}));
	}

	/**
	 * KafkaDataConsumer.get over [from, until): an offset below the log start raises Kafka's
	 * OffsetOutOfRangeException. failOnDataLoss=true: KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE
	 * for [from, until). false: continue at the earliest available offset (or skip the whole range
	 * when nothing in it is left), adding the skipped offsets to `offsetOutOfRange`.
	 */
	readPartition(partition: SourcePartition): SourceRow[] {
		const { broker, options } = this.cfg;
		const tp = tpOfKey(partition.label);
		let from = partition.from;
		const until = partition.until;
		const earliest = broker.has(tp) ? broker.earliest(tp) : until;
		const latest = broker.has(tp) ? broker.latest(tp) : until;
		if (from < earliest) {
			if (options.failOnDataLoss) {
				this.dataLoss += 1;
				throw kafkaDataLossError('COULD_NOT_READ_OFFSET_RANGE', {
					startOffset: String(from),
					endOffset: String(until),
					topicPartition: partition.label,
					groupId: this.cfg.groupId ?? 'spark-kafka-source-executor'
				});
			}
			const resume = from >= latest || earliest >= until ? until : earliest;
			const skipped = resume - from;
			this.offsetOutOfRange += skipped;
			this.dataLoss += 1;
			this.dataLossEvents.push({
				kind: 'COULD_NOT_READ_OFFSET_RANGE',
				topicPartition: partition.label,
				skippedOffsets: skipped,
				warning:
					`Cannot fetch offset ${from}(GroupId: ${this.cfg.groupId ?? 'spark-kafka-source-executor'}, ` +
					`TopicPartition: ${partition.label}). ${INSTRUCTION_FOR_FAIL_ON_DATA_LOSS_FALSE}`
			});
			from = resume;
		}
		return broker.records(tp, from, until).map(recordToRow);
	}

	commit(): void {
		// The Kafka source never commits offsets to Kafka: the checkpoint is the only record.
	}

	/** minOffsetsBehindLatest, maxOffsetsBehindLatest, avgOffsetsBehindLatest (KafkaMicroBatchStream.metrics). */
	metrics(latestConsumed: PartitionOffsets | null): Record<string, string> {
		const latest = this.latestPartitionOffsets;
		if (latestConsumed === null || latest === null || latest.size === 0) return {};
		const behind = [...latest].map(([k, v]) => v - (latestConsumed.get(k) ?? 0));
		return {
			minOffsetsBehindLatest: String(Math.min(...behind)),
			maxOffsetsBehindLatest: String(Math.max(...behind)),
			avgOffsetsBehindLatest: scalaDouble(behind.reduce((s, b) => s + b, 0) / behind.length)
		};
	}

	offsetJson(offset: PartitionOffsets): string {
		return kafkaOffsetJson(offset);
	}

	parseOffset(json: string): PartitionOffsets {
		const parsed = parseKafkaOffsetJson(json);
		if (!parsed.ok) throw new StreamingSourceError(parsed.error);
		return parsed.value;
	}

	sameOffset(a: PartitionOffsets, b: PartitionOffsets): boolean {
		return sameOffsets(a, b);
	}
}
