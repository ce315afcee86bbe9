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

/** The world of a source-neutral page (basic-04): whatever source the program reads, what
 *  arrives at it, and a crash to restart from the checkpoint. */
export interface SourcesWorld {
	readonly sources: 'any';
	/** Files landing per second (file source); Kafka records and socket lines arrive at
	 *  READINGS_PER_FILE times this, so each source sees the same readings. */
	readonly arrivalsPerSecond: number;
	/** Kafka's partitions (the topic the kafka variant subscribes to). */
	readonly partitions: number;
	/** The driver dies after the sink wrote this batch and before commits/N; the query restarts
	 *  from its checkpoint `downMs` later. */
	readonly crashAtBatch: number | null;
	readonly downMs: number;
	/** Readings that arrived before the query first started (files already in the directory). */
	readonly backlogMs: number;
	readonly runMs: number;
}

export interface SourceSinkQuestion extends SimQuestion {
	readonly kind: 'source-sink';
	/** The topic, its producer and retention for these parameters; or, for a page whose
	 *  program may read any source (basic-04), the world a source-neutral run reads. */
	world(params: Params): TopicWorld | SourcesWorld;
}
