/**
 * The streaming-source contract, modelled on Spark's DataSource V2 micro-batch API
 * (org.apache.spark.sql.connector.read.streaming: MicroBatchStream, SupportsAdmissionControl,
 * SupportsTriggerAvailableNow, ReportsSourceMetrics). MicroBatchExecution.constructNextBatch calls,
 * per source and per trigger:
 *   start = the end offset of the last batch in the offset log, or `initialOffset()` the first time;
 *   end   = `latestOffset(start, limit)` (null: the source has nothing yet);
 *   `reportLatestOffset()` for the progress' `latestOffset`;
 * a batch runs when some source's end differs from its start; it reads
 * `planInputPartitions(start, end)` (each partition's rows with `readPartition`); after the batch
 * is committed the loop calls `commit(end)`. Offsets are values with Spark's JSON form, which the
 * loop writes to `offsets/N` and reads back with `parseOffset` on restart.
 *
 * Everything here is deterministic: time comes from an injected virtual clock, never the host.
 */
import type { Value } from '../structured/expr/ast';
import type { ReadLimit } from './read-limit';

/** Virtual processing time in ms; the loop owns it (Spark's `Clock`, e.g. StreamManualClock). */
export interface SourceClock {
	nowMs(): number;
}

/** A column of a source's schema, typed with Spark's simpleString names (binary, int, bigint…). */
export interface SourceField {
	readonly name: string;
	readonly type: 'binary' | 'string' | 'int' | 'bigint' | 'timestamp' | 'boolean';
}

/** One row a source produces; timestamps are microseconds since the epoch, as Spark stores them. */
export type SourceRow = Readonly<Record<string, Value>>;

/** One Spark task's share of a batch (an InputPartition). */
export interface SourcePartition {
	/** Which source partition this task reads: a Kafka topic-partition "t-0", a file, a rate slice. */
	readonly label: string;
	/** The offsets it covers, for drawing: [from, until) for Kafka, otherwise as the source says. */
	readonly from: number;
	readonly until: number;
}

/** A source failure, carrying Spark's own message (and its error condition when it has one). */
export class StreamingSourceError extends Error {
	constructor(
		message: string,
		readonly condition?: string
	) {
		super(message);
		this.name = 'StreamingSourceError';
	}
}

export interface StreamingSource<O> {
	/** As the progress' `sources[].description` (the stream's toString). */
	readonly description: string;
	readonly schema: readonly SourceField[];
	/** Whether offsets survive a restart so a batch can be re-read (socket: no). */
	readonly replayable: boolean;
	initialOffset(): O;
	getDefaultReadLimit(): ReadLimit;
	/** SupportsAdmissionControl.latestOffset: the end offset of the next batch, or null for none. */
	latestOffset(start: O, limit: ReadLimit): O | null;
	/** The latest offset the source saw at the last latestOffset call, whatever the limit. */
	reportLatestOffset(): O | null;
	planInputPartitions(start: O, end: O): readonly SourcePartition[];
	/** The rows of one planned partition (the executor side: PartitionReader). */
	readPartition(partition: SourcePartition, start: O, end: O): readonly SourceRow[];
	commit(end: O): void;
	/** Present only on sources that implement SupportsTriggerAvailableNow. */
	prepareForTriggerAvailableNow?(): void;
	/** ReportsSourceMetrics: the progress' `sources[].metrics`. */
	metrics?(latestConsumed: O | null): Readonly<Record<string, string>>;
	/** The offset's JSON as written to offsets/N. */
	offsetJson(offset: O): string;
	parseOffset(json: string): O;
	sameOffset(a: O, b: O): boolean;
}

/** Every row between two offsets, partition after partition (getBatch for a V1-style caller). */
export function getBatch<O>(source: StreamingSource<O>, start: O, end: O): SourceRow[] {
	return source.planInputPartitions(start, end).flatMap((p) => source.readPartition(p, start, end));
}
