/**
 * What a sources-and-sinks page supplies (basic-09 Kafka): the program's parameters and presets
 * (SimQuestion), and the world outside the query the program reads: a topic's partitions, the
 * producer's rate and skew across them, the broker's retention, and a restart of the query.
 */
import type { Params } from '../../core/params';
import type { SimQuestion } from '../kind';

export interface TopicWorld {
	readonly topic: string;
	readonly partitions: number;
	/** A weight per partition (equal = no skew). */
	readonly skew: readonly number[];
	readonly recordsPerSecond: number;
	/** retention.ms; 0 keeps every record. */
	readonly retentionMs: number;
	/** The query stops at `atMs` and starts again from its checkpoint `downMs` later. */
	readonly restart: { readonly atMs: number; readonly downMs: number } | null;
	/** The query dies after the sink wrote batch `batchId` and before commits/N, and starts
	 *  again from its checkpoint `downMs` later (the batch is replayed with the same offsets). */
	readonly crashAfterSink?: { readonly batchId: number; readonly downMs: number } | null;
	/** What the producer's records are (the JSON the program's from_json reads). */
	readonly records?: 'orders' | 'sensor-events';
	/** What the page is about, drawn first: the source's offsets, or the sink's contents. */
	readonly emphasis?: 'source' | 'sink';
	/** Records the producer sent before the query first started. */
	readonly backlogMs: number;
	readonly runMs: number;
}

export interface SourceSinkQuestion extends SimQuestion {
	readonly kind: 'source-sink';
	/** The topic, its producer and retention for these parameters. */
	world(params: Params): TopicWorld;
}
