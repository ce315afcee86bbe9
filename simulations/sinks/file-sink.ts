/**
 * The file sink (Spark 4.1 sql/core/.../streaming/sinks/FileStreamSink.scala with
 * ManifestFileCommitProtocol and FileFormatWriter):
 * - `addBatch(batchId, data)` does nothing when `batchId <= fileLog.getLatestBatchId()`
 *   ("Skipping already committed batch N"): a batch re-run after a failure between the sink and
 *   commits/N is not written twice. This is the sink's exactly-once guarantee;
 * - otherwise each task writes its rows to one new file (task 0 always writes one, even empty,
 *   so the format's schema is kept; another task with no rows writes none:
 *   FileFormatWriter.executeTask's EmptyDirectoryDataWriter), then the driver's `commitJob`
 *   appends the batch's file list to `_spark_metadata/N` in one atomic step;
 * - a failed job is aborted: `abortJob` deletes the files the committed tasks reported
 *   (best effort); if the driver dies instead, they stay on disk, outside the log;
 * - a reader of the path sees only the files listed in the log (MetadataLogFileIndex), so a
 *   batch that failed part-way contributes nothing (FORMAT-ADDITIONS "File sinks").
 * Append mode only (checked at start, see output-modes.ts).
 */
import {
	tasksBeforeFault,
	tasksOf,
	type SinkBatch,
	type SinkField,
	type SinkRow,
	type SinkWriteOutcome,
	type StreamingSink
} from './contract';
import { partFileName, stableUuid } from './file-names';
import { FileStreamSinkLog, type SinkFileStatus } from './file-sink-log';
import { DeliveryLedger } from './ledger';
import { utf8Bytes } from './show-string';

/** A file the sink wrote: its rows (what a reader would decode) and who wrote it. */
export interface DataFile {
	readonly name: string;
	readonly batchId: number;
	readonly attempt: number;
	readonly task: number;
	readonly rows: readonly SinkRow[];
	readonly size: number;
	readonly modificationTime: number;
}

export interface FileSinkConfig {
	/** The output directory, absolute (FileStreamSink refuses a relative path). */
	readonly path: string;
	readonly format: string;
	readonly schema: readonly SinkField[];
	readonly compactInterval?: number;
}

/** Local file system defaults Hadoop reports for a file (RawLocalFileSystem). */
const BLOCK_REPLICATION = 1;
const BLOCK_SIZE = 33554432;

export class FileStreamSink implements StreamingSink {
	readonly kind = 'file' as const;
	readonly guarantee = 'exactly-once' as const;
	readonly ledger = new DeliveryLedger();
	readonly log: FileStreamSinkLog;
	private readonly disk = new Map<string, DataFile>();
	private readonly attempts = new Map<number, number>();

	constructor(private readonly config: FileSinkConfig) {
		this.log = new FileStreamSinkLog(config.compactInterval);
	}

	get description(): string {
		return `FileSink[${this.config.path}]`;
	}

	/** The file's qualified path as SinkFileStatus stores it (a local path qualifies as file:). */
	qualified(name: string): string {
		return `file:${this.config.path.replace(/\/$/, '')}/${name}`;
	}

	addBatch(batch: SinkBatch): SinkWriteOutcome {
		const latest = this.log.getLatestBatchId();
		if (latest !== null && batch.batchId <= latest)
			return {
				batchId: batch.batchId,
				status: 'skipped',
				delivered: [],
				note: `Skipping already committed batch ${batch.batchId}`
			};
		const attempt = this.attempts.get(batch.batchId) ?? 0;
		this.attempts.set(batch.batchId, attempt + 1);
		const tasks = tasksOf(batch);
		const done = tasksBeforeFault(batch, tasks.length);
		const written: DataFile[] = [];
		for (let t = 0; t < done; t++) {
			const indices = tasks[t] ?? [];
			if (t !== 0 && indices.length === 0) continue;
			const rows = indices.map((i) => batch.rows[i] ?? []);
			const uuid = stableUuid(`${this.config.path}|${batch.batchId}|${attempt}|${t}`);
			const name = partFileName(t, uuid, this.config.format);
			const file: DataFile = {
				name,
				batchId: batch.batchId,
				attempt,
				task: t,
				rows,
				size: this.sizeOf(rows),
				modificationTime: batch.nowMs ?? 0
			};
			this.disk.set(name, file);
			written.push(file);
		}
		if (done < tasks.length) {
			if (!batch.fault?.driverDies) for (const f of written) this.disk.delete(f.name);
			return {
				batchId: batch.batchId,
				status: 'failed',
				delivered: [],
				note: batch.fault?.driverDies
					? `${written.length} file(s) left on disk outside _spark_metadata`
					: 'Writing job aborted; abortJob deleted the committed tasks’ files'
			};
		}
		const statuses: SinkFileStatus[] = written.map((f) => ({
			path: this.qualified(f.name),
			size: f.size,
			isDir: false,
			modificationTime: f.modificationTime,
			blockReplication: BLOCK_REPLICATION,
			blockSize: BLOCK_SIZE,
			action: 'add'
		}));
		this.log.add(batch.batchId, statuses);
		const order = tasks.flat();
		this.ledger.deliver(batch.batchId, batch.rows, order);
		return { batchId: batch.batchId, status: 'written', delivered: order };
	}

	/** What `spark.read.format(fmt).load(path)` returns: rows of the logged files only. */
	readCommitted(): SinkRow[] {
		return this.log
			.allFiles()
			.flatMap((s) => this.disk.get(s.path.slice(s.path.lastIndexOf('/') + 1))?.rows ?? []);
	}

	/** Every data file on disk, with whether the log lists it. */
	filesOnDisk(): { readonly file: DataFile; readonly committed: boolean }[] {
		const listed = new Set(this.log.allFiles().map((s) => s.path));
		return [...this.disk.values()].map((file) => ({
			file,
			committed: listed.has(this.qualified(file.name))
		}));
	}

	/** Files on disk that no reader sees (left by a driver that died mid-job). */
	orphanFiles(): DataFile[] {
		return this.filesOnDisk()
			.filter((f) => !f.committed)
			.map((f) => f.file);
	}

	/** A stand-in size: the rows as JSON lines, in bytes (the json format's size). */
	private sizeOf(rows: readonly SinkRow[]): number {
		const names = this.config.schema.map((f) => f.name);
		return rows.reduce((n, r) => {
			const o: Record<string, unknown> = {};
			names.forEach((c, i) => {
				if ((r[i] ?? null) !== null) o[c] = r[i];
			});
			return n + utf8Bytes(JSON.stringify(o)).length + 1;
		}, 0);
	}
}
