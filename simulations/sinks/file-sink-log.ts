/**
 * The file sink's metadata log, `<path>/_spark_metadata/` (FileStreamSinkLog extends
 * CompactibleFileStreamLog, Spark 4.1 sql/core/.../streaming/sinks/FileStreamSinkLog.scala):
 * - one file per batch, named by the batch id; its text is `v1` then one JSON line per
 *   SinkFileStatus {path, size, isDir, modificationTime, blockReplication, blockSize, action};
 * - batch N is a compaction batch when (N + 1) % compactInterval == 0
 *   (spark.sql.streaming.fileSink.log.compactInterval, default 10): its file is `N.compact` and
 *   holds every entry of the previous compaction and the batches since, plus its own;
 * - `getLatestBatchId` is the highest batch id with a log file: FileStreamSink.addBatch skips a
 *   batch id at or below it, which is what makes the sink exactly-once;
 * - a reader of the path (MetadataLogFileIndex) lists `allFiles()`, the files of every logged
 *   batch, never a file that is on disk but not in the log.
 * Deleting old log files after a compaction (fileSinkLogDeletion, with a 10-minute cleanup delay)
 * and the `retention` option are not modelled: the log keeps every batch.
 */

/** SinkFileStatus, as the JSON lines of a log file hold it. */
export interface SinkFileStatus {
	readonly path: string;
	readonly size: number;
	readonly isDir: false;
	readonly modificationTime: number;
	readonly blockReplication: number;
	readonly blockSize: number;
	readonly action: 'add';
}

export const DEFAULT_COMPACT_INTERVAL = 10;

export const isCompactionBatch = (batchId: number, compactInterval: number): boolean =>
	(batchId + 1) % compactInterval === 0;

export class FileStreamSinkLog {
	private readonly batches = new Map<number, readonly SinkFileStatus[]>();

	constructor(readonly compactInterval = DEFAULT_COMPACT_INTERVAL) {}

	getLatestBatchId(): number | null {
		let latest: number | null = null;
		for (const id of this.batches.keys()) if (latest === null || id > latest) latest = id;
		return latest;
	}

	/** HDFSMetadataLog.add: false when the batch already has a log file (the file is never
	 *  overwritten; ManifestFileCommitProtocol then fails with "Race while writing batch N"). */
	add(batchId: number, files: readonly SinkFileStatus[]): boolean {
		if (this.batches.has(batchId)) return false;
		this.batches.set(batchId, files);
		return true;
	}

	/** The files a batch committed (its own entries, not the compacted ones). */
	filesOf(batchId: number): readonly SinkFileStatus[] {
		return this.batches.get(batchId) ?? [];
	}

	/** Every committed file, in batch order: what a reader of the sink's path sees. */
	allFiles(): SinkFileStatus[] {
		return [...this.batches.keys()].sort((a, b) => a - b).flatMap((id) => this.filesOf(id));
	}

	/** The log's file names, oldest first: `0`, `1`, …, `9.compact`, `10`, … */
	fileNames(): string[] {
		return [...this.batches.keys()]
			.sort((a, b) => a - b)
			.map((id) => (isCompactionBatch(id, this.compactInterval) ? `${id}.compact` : String(id)));
	}

	/** The text of batch N's log file; a compaction file lists every file up to N. */
	fileText(batchId: number): string | null {
		if (!this.batches.has(batchId)) return null;
		const entries = isCompactionBatch(batchId, this.compactInterval)
			? [...this.batches.keys()]
					.filter((id) => id <= batchId)
					.sort((a, b) => a - b)
					.flatMap((id) => this.filesOf(id))
			: this.filesOf(batchId);
		return ['v1', ...entries.map((e) => JSON.stringify(e))].join('\n');
	}
}
