/**
 * FileStreamSource (sql/core/.../streaming/runtime/FileStreamSource.scala): new files in a
 * directory, oldest first (latestFirst: newest first), at most `maxFilesPerTrigger` or
 * `maxBytesPerTrigger` per batch. Its offset is the number of the last entry of its own file log,
 * sources/<i>/N, which `latestOffset` appends to when it selects files: entry N lists the files
 * of one selection as {"path","timestamp","batchId":N}. The offset JSON is {"logOffset":N}; a
 * query that never saw a file has no offset (−1 here).
 *
 * Rules kept from fetchMaxOffset: the leftover of a listing is cached (`unreadFiles`, up to
 * maxCachedFiles) and used before listing again, unless it is smaller than
 * maxFiles × discardCachedInputRatio; no cache with latestFirst or under AvailableNow; AvailableNow
 * lists once at prepareForTriggerAvailableNow and never sees later files.
 */
import {
	type SourcePartition,
	type SourceRow,
	type StreamingSource,
	StreamingSourceError
} from '../contract';
import {
	type ReadLimit,
	findLimit,
	readAllAvailable,
	readMaxBytes,
	readMaxFiles
} from '../read-limit';
import { timeStringAsMs } from '../kafka/options';
import type { ArrivedFile, FileDirectory } from './directory';
import { SeenFilesMap } from './seen-files';

export interface FileEntry {
	readonly path: string;
	readonly timestamp: number;
	readonly batchId: number;
}

/** The source's metadata log, sources/<i>/N → entries. It is the checkpoint part that survives restarts. */
export type FileSourceLog = Map<number, readonly FileEntry[]>;

export interface FileSourceOptions {
	readonly maxFilesPerTrigger?: number;
	readonly maxBytesPerTrigger?: number;
	readonly latestFirst: boolean;
	/** Default 7 days. */
	readonly maxFileAgeMs: number;
	readonly fileNameOnly: boolean;
	readonly maxCachedFiles: number;
	readonly discardCachedInputRatio: number;
}

const invalid = (v: string, key: string, rule: string) => ({
	ok: false as const,
	error: `Invalid value '${v}' for option '${key}', ${rule}`
});

/** FileStreamOptions, field by field in its order, with its messages. */
export function parseFileSourceOptions(
	raw: Readonly<Record<string, string>>
): { ok: true; value: FileSourceOptions } | { ok: false; error: string } {
	const o = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
	for (const k of ['modifiedBefore', 'modifiedAfter']) {
		if (o.has(k.toLowerCase())) {
			return {
				ok: false,
				error: `option '${k.toLowerCase()}' is not allowed in file stream sources`
			};
		}
	}
	const isPositiveInt = (v: string) => /^\+?\d+$/.test(v) && Number(v) > 0;
	const mf = o.get('maxfilespertrigger');
	if (mf !== undefined && !isPositiveInt(mf))
		return invalid(mf, 'maxFilesPerTrigger', 'must be a positive integer');
	const mb = o.get('maxbytespertrigger');
	if (mb !== undefined) {
		if (!isPositiveInt(mb)) return invalid(mb, 'maxBytesPerTrigger', 'must be a positive integer');
		if (mf !== undefined) {
			return {
				ok: false,
				error:
					"Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time"
			};
		}
	}
	const age = timeStringAsMs(o.get('maxfileage') ?? '7d');
	if (!age.ok) return age;
	const bools: Record<string, boolean> = {};
	for (const k of ['latestFirst', 'fileNameOnly']) {
		const v = o.get(k.toLowerCase());
		if (v !== undefined && !/^(true|false)$/i.test(v.trim()))
			return invalid(v, k, "must be 'true' or 'false'");
		bools[k] = v !== undefined && v.trim().toLowerCase() === 'true';
	}
	const mc = o.get('maxcachedfiles');
	if (mc !== undefined && !/^\+?\d+$/.test(mc)) {
		return invalid(mc, 'maxCachedFiles', 'must be an integer greater than or equal to 0');
	}
	const ratio = o.get('discardcachedinputratio');
	if (ratio !== undefined && !(Number(ratio) >= 0 && Number(ratio) <= 1)) {
		return invalid(ratio, 'discardCachedInputRatio', 'must be a positive float between 0 and 1');
	}
	return {
		ok: true,
		value: {
			...(mf !== undefined ? { maxFilesPerTrigger: Number(mf) } : {}),
			...(mb !== undefined ? { maxBytesPerTrigger: Number(mb) } : {}),
			latestFirst: bools.latestFirst ?? false,
			maxFileAgeMs: age.value,
			fileNameOnly: bools.fileNameOnly ?? false,
			maxCachedFiles: mc === undefined ? 10000 : Number(mc),
			// A Scala Float: 0.2f.
			discardCachedInputRatio: Math.fround(ratio === undefined ? 0.2 : Number(ratio))
		}
	};
}

export interface FileSourceConfig {
	readonly directory: FileDirectory;
	readonly options: FileSourceOptions;
	/** The checkpoint's sources/<i> log; pass the same map to the source created on restart. */
	readonly log: FileSourceLog;
}

/** FileStreamSourceOffset(logOffset). */
export type FileOffset = number;

export class FileStreamSource implements StreamingSource<FileOffset> {
	readonly schema = [{ name: 'value', type: 'string' as const }];
	readonly replayable = true;
	readonly description: string;
	private readonly seenFiles: SeenFilesMap;
	private readonly maxFileAgeMs: number;
	private unreadFiles: ArrivedFile[] | null = null;
	private allFilesForTriggerAvailableNow: ArrivedFile[] | null = null;
	private logOffset: number;

	constructor(private readonly cfg: FileSourceConfig) {
		const { options, log, directory } = cfg;
		this.description = `FileStreamSource[file:${directory.dir}]`;
		// latestFirst with a max limit ignores maxFileAge (Long.MaxValue in Spark).
		this.maxFileAgeMs =
			options.latestFirst &&
			(options.maxFilesPerTrigger !== undefined || options.maxBytesPerTrigger !== undefined)
				? Number.POSITIVE_INFINITY
				: options.maxFileAgeMs;
		this.seenFiles = new SeenFilesMap(this.maxFileAgeMs, options.fileNameOnly);
		// Restore what earlier runs took from the log, then purge, as the constructor does.
		for (const entries of log.values())
			for (const e of entries) this.seenFiles.add(e.path, e.timestamp);
		this.seenFiles.purge();
		this.logOffset = log.size === 0 ? -1 : Math.max(...log.keys());
	}

	initialOffset(): FileOffset {
		return -1;
	}

	getDefaultReadLimit(): ReadLimit {
		const { maxFilesPerTrigger, maxBytesPerTrigger } = this.cfg.options;
		if (maxFilesPerTrigger !== undefined) return readMaxFiles(maxFilesPerTrigger);
		return maxBytesPerTrigger !== undefined ? readMaxBytes(maxBytesPerTrigger) : readAllAvailable;
	}

	/** fetchAllFiles: the listing sorted by modification time (newest first with latestFirst); stable for ties. */
	private fetchAllFiles(): ArrivedFile[] {
		const sign = this.cfg.options.latestFirst ? -1 : 1;
		return [...this.cfg.directory.list()].sort(
			(a, b) => sign * (a.modificationTimeMs - b.modificationTimeMs)
		);
	}

	prepareForTriggerAvailableNow(): void {
		this.allFilesForTriggerAvailableNow = this.fetchAllFiles();
	}

	/** fetchMaxOffset(limit), then null for "no offset yet" (logOffset −1). */
	latestOffset(_start: FileOffset, limit: ReadLimit): FileOffset | null {
		const { options, log } = this.cfg;
		const newFiles =
			this.unreadFiles !== null && this.unreadFiles.length > 0
				? this.unreadFiles
				: (this.allFilesForTriggerAvailableNow ?? this.fetchAllFiles()).filter((f) =>
						this.seenFiles.isNewFile(f.path, f.modificationTimeMs)
					);
		const shouldCache = !options.latestFirst && this.allFilesForTriggerAvailableNow === null;
		let batchFiles: ArrivedFile[];
		let unselected: ArrivedFile[] | null = null;
		const maxFiles = findLimit(limit, 'maxFiles');
		const maxBytes = findLimit(limit, 'maxBytes');
		if (maxFiles) {
			batchFiles = newFiles.slice(0, maxFiles.maxFiles);
			const rest = newFiles.slice(maxFiles.maxFiles);
			// A leftover below maxFiles × ratio is dropped, so the next batch lists again rather than run small.
			if (
				shouldCache &&
				rest.length >= floatTimes(maxFiles.maxFiles, options.discardCachedInputRatio)
			)
				unselected = rest;
		} else if (maxBytes) {
			const [taken, rest, restSize] = takeFilesUntilMax(newFiles, maxBytes.maxBytes);
			batchFiles = taken;
			if (shouldCache && restSize >= floatTimes(maxBytes.maxBytes, options.discardCachedInputRatio))
				unselected = rest;
		} else {
			batchFiles = newFiles;
		}
		this.unreadFiles =
			unselected !== null && unselected.length > 0 && options.maxCachedFiles > 0
				? unselected.slice(0, options.maxCachedFiles)
				: null;
		for (const f of batchFiles) this.seenFiles.add(f.path, f.modificationTimeMs);
		this.seenFiles.purge();
		if (batchFiles.length > 0) {
			this.logOffset += 1;
			if (log.has(this.logOffset)) {
				throw new StreamingSourceError(
					`Concurrent update to the log. Multiple streaming jobs detected for ${this.logOffset}`
				);
			}
			log.set(
				this.logOffset,
				batchFiles.map((f) => ({
					path: f.path,
					timestamp: f.modificationTimeMs,
					batchId: this.logOffset
				}))
			);
		}
		return this.logOffset === -1 ? null : this.logOffset;
	}

	reportLatestOffset(): FileOffset | null {
		// A V1 source: the progress shows the offset latestOffset returned.
		return this.logOffset === -1 ? null : this.logOffset;
	}

	/** getBatch(start, end): the files of log entries start+1 … end, one task per file here. */
	planInputPartitions(start: FileOffset, end: FileOffset): SourcePartition[] {
		const parts: SourcePartition[] = [];
		for (let n = start + 1; n <= end; n++) {
			for (const e of this.cfg.log.get(n) ?? []) parts.push({ label: e.path, from: n, until: n });
		}
		return parts;
	}

	readPartition(partition: SourcePartition): readonly SourceRow[] {
		return this.cfg.directory.get(partition.label)?.rows ?? [];
	}

	commit(): void {
		// cleanSource (delete/archive) is not simulated; without it commit does nothing.
	}

	offsetJson(offset: FileOffset): string {
		return `{"logOffset":${offset}}`;
	}

	parseOffset(json: string): FileOffset {
		const m = /^\s*\{\s*"logOffset"\s*:\s*(-?\d+)\s*\}\s*$/.exec(json);
		if (!m) throw new StreamingSourceError(`Cannot parse FileStreamSourceOffset from ${json}`);
		return Number(m[1]);
	}

	sameOffset(a: FileOffset, b: FileOffset): boolean {
		return a === b;
	}
}

/** Int × Float on the JVM: both as 32-bit floats, the product rounded to one. */
const floatTimes = (n: number, f: number): number => Math.fround(Math.fround(n) * Math.fround(f));

/** takeFilesUntilMax: always the first file, then files while the running size stays ≤ maxBytes. */
function takeFilesUntilMax(
	files: readonly ArrivedFile[],
	maxBytes: number
): [ArrivedFile[], ArrivedFile[], number] {
	const left: ArrivedFile[] = [];
	const right: ArrivedFile[] = [];
	let lSize = 0;
	let rSize = 0;
	files.forEach((f, i) => {
		if (i === 0 || (right.length === 0 && lSize + f.sizeBytes <= maxBytes)) {
			lSize += f.sizeBytes;
			left.push(f);
		} else {
			rSize += f.sizeBytes;
			right.push(f);
		}
	});
	return [left, right, rSize];
}

/** sources/<i>/N as FileStreamSourceLog writes it: the version line, then one JSON entry per line. */
export function fileLogText(entries: readonly FileEntry[]): string {
	return [
		'v1',
		...entries.map((e) =>
			JSON.stringify({ path: e.path, timestamp: e.timestamp, batchId: e.batchId })
		)
	].join('\n');
}
