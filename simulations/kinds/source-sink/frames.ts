/**
 * What the sources-and-sinks view draws of a run, and the run cut at a cursor (`frameAt`): each
 * partition's log (where retention has cut it, where the producer has written to), every batch's
 * [start, end) range per partition, the committed position, and the offsets/N and commits/N
 * entries of the batch under the cursor. The UI never recomputes offsets: it reads these.
 */
import type { DeliveryGuarantee, OutputMode, SinkKind } from '../../sinks/contract';
import type { SinkSnapshot } from './sink-snapshot';

export interface SsBatch {
	readonly batchId: number;
	readonly triggerMs: number;
	/** Per partition, the batch's offsets: it read [start, end). */
	readonly start: Readonly<Record<number, number>>;
	readonly end: Readonly<Record<number, number>>;
	readonly numInputRows: number;
	readonly numOutputRows: number;
	/** offsets/N and commits/N as the checkpoint files hold them (null: the query died before
	 *  writing commits/N). */
	readonly offsetLog: string;
	readonly commitLog: string | null;
	/** Records the sink had delivered after this batch (replays included). */
	readonly sinkRecords: number;
	/** 1, or 2 for the re-run of a batch whose commit was never written. */
	readonly attempt: number;
	/** The sink after this batch's write. */
	readonly sink: SinkSnapshot;
	/** A source-neutral run (basic-04): what the batch read, in the source's own terms. */
	readonly read?: SourceRead;
}

/** The sources a source-neutral run reads (`readStream.format(...)`; json, csv… are `file`). */
export type SourceKindId = 'file' | 'kafka' | 'socket' | 'rate' | 'rate-micro-batch';

/** One thing the source offers, as it would draw it: a file, a socket line, a rate second, a
 *  rate-micro-batch batch number (Kafka records are drawn by the partition logs instead). */
export interface SourceUnit {
	readonly id: string;
	/** When it exists at the source (a file lands, a line is sent, a second passes). */
	readonly atMs: number;
	readonly label: string;
}

export interface SourceRead {
	/** The offsets (start, end] in the source's words: files, partition ranges, seconds, a batch number. */
	readonly terms: string;
	/** The units the batch read (empty for a socket batch re-run after a restart). */
	readonly units: readonly string[];
}

/** The source of a source-neutral run: its picture, and what a restart could not give back. */
export interface SourceTrack {
	readonly kind: SourceKindId;
	readonly format: string;
	readonly replayable: boolean;
	readonly description: string;
	/** The file source's read limit, as the program set it (null: unset or another source). */
	readonly maxFilesPerTrigger: number | null;
	readonly units: SourceUnit[];
	/** Socket lines no committed batch read: in the dead driver's buffer, or sent while it was down. */
	readonly lost: string[];
}

export interface SsRun {
	readonly topic: string;
	readonly partitions: number;
	/** Per partition, the send time of each offset (offset = index). */
	readonly sends: number[][];
	/** Retention moving a partition's log start. */
	readonly retention: { atMs: number; partition: number; earliest: number }[];
	readonly batches: SsBatch[];
	/** The query stopping and starting again; `crashBeforeCommit` when it died between the sink
	 *  write and commits/N. */
	readonly restarts: { stopMs: number; startMs: number; crashBeforeCommit?: boolean }[];
	failure: { atMs: number; message: string } | null;
	/** A once or availableNow query that read what its trigger admits and stopped by itself. */
	finished: { atMs: number; trigger: 'once' | 'availableNow' } | null;
	readonly dataLoss: { atMs: number; batchId: number; partition: string; skipped: number }[];
	endMs: number;
	readonly sinkGuarantee: DeliveryGuarantee;
	readonly sinkDescription: string;
	readonly sinkKind: SinkKind;
	/** What the page draws first. */
	readonly emphasis: 'source' | 'sink';
	readonly outputMode: OutputMode;
	/** The output modes this sink accepts (sinks/output-modes.ts). */
	readonly acceptedModes: readonly OutputMode[];
	/** Column names of the sink's rows. */
	readonly sinkColumns: readonly string[];
	readonly startingOffsets: string;
	readonly failOnDataLoss: boolean;
	readonly maxOffsetsPerTrigger: string | null;
	/** A source-neutral run (basic-04): the source and its picture (absent on the Kafka pages). */
	readonly source?: SourceTrack;
	/** Program lines of the Kafka source chain and of the writeStream chain. */
	readonly spans: {
		readonly source: { line: number; endLine: number } | null;
		readonly sink: { line: number; endLine: number } | null;
	};
}

export interface SsPartitionFrame {
	readonly partition: number;
	/** Log start (retention) and end (the producer's next offset) at the cursor. */
	readonly earliest: number;
	readonly latest: number;
	/** End of the last batch's range: what the checkpoint says is done. */
	readonly committed: number;
}

export interface SsFrame {
	readonly t: number;
	readonly partitions: readonly SsPartitionFrame[];
	/** Batches run by the cursor, oldest first. */
	readonly batches: readonly SsBatch[];
	readonly current: SsBatch | null;
	readonly down: boolean;
	/** Down because the driver died between the sink write and commits/N. */
	readonly crashed: boolean;
	readonly failed: string | null;
	/** The query's trigger was done by the cursor (once, availableNow): it stopped by itself. */
	readonly finished: 'once' | 'availableNow' | null;
	readonly skippedOffsets: number;
}

const countUpTo = (times: readonly number[], t: number): number => {
	let lo = 0;
	let hi = times.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((times[mid] as number) <= t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
};

export function frameAt(run: SsRun, t: number): SsFrame {
	const batches = run.batches.filter((b) => b.triggerMs <= t);
	const downNow = run.restarts.find((r) => r.stopMs <= t && t < r.startMs);
	const current = batches.at(-1) ?? null;
	const partitions = run.sends.map((times, p) => {
		let earliest = 0;
		for (const r of run.retention) if (r.partition === p && r.atMs <= t) earliest = r.earliest;
		return {
			partition: p,
			earliest,
			latest: countUpTo(times, t),
			committed: current?.end[p] ?? 0
		};
	});
	return {
		t,
		partitions,
		batches,
		current,
		down: downNow !== undefined,
		crashed: downNow?.crashBeforeCommit === true,
		failed: run.failure !== null && run.failure.atMs <= t ? run.failure.message : null,
		finished: run.finished !== null && run.finished.atMs <= t ? run.finished.trigger : null,
		skippedOffsets: run.dataLoss.filter((d) => d.atMs <= t).reduce((s, d) => s + d.skipped, 0)
	};
}
