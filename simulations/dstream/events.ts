/**
 * The DStream engine's event stream: what a Spark Streaming application would show in its
 * Streaming UI and StreamingListener callbacks (onBatchSubmitted/Started/Completed, receiver
 * blocks, rate controller updates), plus the per-batch RDDs the playground draws. All times are
 * virtual milliseconds since zeroTime; batchTime is the batch's scheduled time.
 */
import type { SourceError } from '../core/errors';
import type { OutputResult, RddSnapshot } from './batches';
import type { AllocationDecision } from './allocation';
import type { FileWrite } from './host-fs';
import type { PidStep } from './pid';

interface At {
	/** Virtual milliseconds since zeroTime. */
	readonly time: number;
}

interface OfBatch extends At {
	readonly batchTime: number;
}

/** A receiver cut a block (BlockGenerator, every spark.streaming.blockInterval). */
export interface BlockEvent extends At {
	readonly type: 'block';
	readonly input: string;
	readonly records: number;
	/** Records waiting in the source because the rate limiter did not admit them. */
	readonly backlog: number;
	readonly rate: number;
	/** A block as the restarted driver sees it (read back from the write-ahead log, or received
	 *  after the restart; recovery.ts). */
	readonly restarted?: boolean;
}

export interface BatchSubmitted extends OfBatch {
	readonly type: 'batchSubmitted';
	readonly numRecords: number;
	readonly inputs: Readonly<Record<string, number>>;
}

export interface BatchStarted extends OfBatch {
	readonly type: 'batchStarted';
	readonly schedulingDelay: number;
	/** Earlier batches still unfinished when this one was submitted. */
	readonly queued: number;
}

export interface BatchCompleted extends OfBatch {
	readonly type: 'batchCompleted';
	readonly numRecords: number;
	readonly schedulingDelay: number;
	readonly processingDelay: number;
	readonly totalDelay: number;
	readonly outputs: readonly OutputResult[];
	readonly rdds: readonly RddSnapshot[];
	/** Lines printed by the batch's foreachRDD functions. */
	readonly stdout: readonly string[];
	/** Files the batch's output code wrote itself. */
	readonly files: readonly FileWrite[];
	/** Run again by a restarted driver for a time before its restart (recovery.ts). */
	readonly recovered?: boolean;
}

export interface CheckpointEvent extends OfBatch {
	readonly type: 'checkpoint';
	readonly kind: 'metadata' | 'data';
	readonly nodeId?: number;
}

export interface RateUpdate extends OfBatch {
	readonly type: 'rateUpdate';
	readonly input: string;
	readonly pid: PidStep;
	/** floor(newRate) when the estimator published one; receivers then use min(it, maxRate). */
	readonly published?: number;
	readonly effectiveRate: number;
}

export interface KafkaOffsets extends OfBatch {
	readonly type: 'kafkaOffsets';
	readonly from: readonly number[];
	readonly until: readonly number[];
	readonly latest: readonly number[];
}

export type DStreamEvent =
	| BlockEvent
	| BatchSubmitted
	| BatchStarted
	| BatchCompleted
	| CheckpointEvent
	| RateUpdate
	| KafkaOffsets
	| { readonly type: 'allocation'; readonly time: number; readonly decision: AllocationDecision }
	| { readonly type: 'stalled'; readonly time: number; readonly reason: string }
	| ({ readonly type: 'error'; readonly batchTime?: number; readonly error: SourceError } & At);
