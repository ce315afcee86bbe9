/**
 * A checkpoint file's content as a reader can follow it. offsets/N, commits/N, metadata and the
 * sink's log are shown as written; a state .delta or .snapshot holds the store's key and value
 * rows, which the playground keeps as JSON (its stand-in for Spark's UnsafeRow bytes): each is
 * shown as `key → value`, a window key as its [start, end) times.
 */
import type { FtFile } from './frames';

const hms = (us: number) => new Date(us / 1000).toISOString().slice(11, 19);

function keyText(k: unknown): string {
	if (!Array.isArray(k)) return JSON.stringify(k);
	return k
		.map((part) =>
			part !== null && typeof part === 'object' && 'start' in part && 'end' in part
				? `[${hms(Number(part.start))}, ${hms(Number(part.end))})`
				: String(part)
		)
		.join(', ');
}

function valueText(v: unknown): string {
	const buffers = (v as { b?: unknown }).b;
	return JSON.stringify(buffers ?? v);
}

function entryText(raw: unknown): string {
	const e = raw as { k?: unknown };
	return `${keyText(e.k ?? raw)} → ${valueText(raw)}`;
}

export function readableContent(file: FtFile): string {
	if (!/^state\/.+\.(delta|snapshot)$/.test(file.path)) return file.content;
	try {
		const o = JSON.parse(file.content) as Record<string, unknown>;
		if (file.path.endsWith('.snapshot')) {
			const rows = Object.values(o).map(entryText);
			return rows.length === 0 ? '(no keys)' : rows.join('\n');
		}
		const put = Object.values((o.put ?? {}) as Record<string, unknown>).map(
			(e) => `put    ${entryText(e)}`
		);
		const removed = ((o.remove ?? []) as string[]).map(
			(k) => `remove ${k.split(String.fromCharCode(1)).join(' ')}`
		);
		const all = [...put, ...removed];
		return all.length === 0 ? '(no key changed in this partition)' : all.join('\n');
	} catch {
		return file.content;
	}
}
