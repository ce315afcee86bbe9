/**
 * A directory files arrive in (atomically: a file is there whole or not at all, as Spark's guide
 * requires). Each file has a path, a modification time on the virtual clock, a size, and rows.
 */
import type { SourceRow } from '../contract';

export interface ArrivedFile {
	/** Fully qualified, as Spark records it: file:///data/in/part-0001.txt */
	readonly path: string;
	readonly modificationTimeMs: number;
	readonly sizeBytes: number;
	readonly rows: readonly SourceRow[];
}

export class FileDirectory {
	private readonly files: ArrivedFile[] = [];

	constructor(readonly dir: string) {}

	/** Write one new file; with `rows` of text lines (the `text` format's single `value` column). */
	add(
		name: string,
		rows: readonly SourceRow[],
		modificationTimeMs: number,
		sizeBytes?: number
	): ArrivedFile {
		const path = `file://${this.dir.replace(/\/$/, '')}/${name}`;
		const size = sizeBytes ?? rows.reduce((s, r) => s + String(r.value ?? '').length + 1, 0);
		const file: ArrivedFile = { path, modificationTimeMs, sizeBytes: size, rows };
		this.files.push(file);
		return file;
	}

	/** The listing InMemoryFileIndex.allFiles returns (in arrival order; the source sorts it). */
	list(): readonly ArrivedFile[] {
		return [...this.files];
	}

	get(path: string): ArrivedFile | undefined {
		return this.files.find((f) => f.path === path);
	}
}
