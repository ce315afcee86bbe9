/**
 * The sink's view of a batch: its rows formatted for a table, and which of them are new or
 * changed compared with what the sink held before (meaningful in complete mode, where the whole
 * result table arrives every batch).
 */
import { secondsLabel } from '../format';

export const MODE_RULE: Readonly<Record<'append' | 'update' | 'complete', string>> = {
	append:
		'append: each row is emitted once, when it can no longer change (its window closed behind the watermark).',
	update:
		'update: only the rows that changed in this batch are emitted; a row may be emitted again later.',
	complete: 'complete: the whole result table is emitted after every batch.'
};

/** A cell for display: structs such as a window print as [start, end); timestamps (microseconds
 *  in engine rows are converted by the adapter to ms with `isTime`) print in seconds. */
export function formatCell(v: unknown): string {
	if (v === null || v === undefined) return 'null';
	if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
	if (typeof v === 'object' && v !== null && 'start' in v && 'end' in v) {
		const w = v as { start: unknown; end: unknown };
		return `[${formatTime(w.start)}, ${formatTime(w.end)})`;
	}
	if (Array.isArray(v)) return `[${v.map(formatCell).join(', ')}]`;
	return String(v);
}

function formatTime(v: unknown): string {
	return typeof v === 'number' ? secondsLabel(v * 1000) : String(v);
}

export interface TableRow {
	readonly key: string;
	readonly cells: readonly string[];
	readonly changed: boolean;
}

export function tableRows(
	rows: readonly (readonly unknown[])[],
	previous: readonly (readonly unknown[])[] | null,
	mode: 'append' | 'update' | 'complete'
): TableRow[] {
	const before = new Set((previous ?? []).map((r) => JSON.stringify(r)));
	const seen = new Map<string, number>();
	return rows.map((r) => {
		const json = JSON.stringify(r);
		const n = (seen.get(json) ?? 0) + 1;
		seen.set(json, n);
		return {
			key: `${json}#${n}`,
			cells: r.map(formatCell),
			changed: mode === 'complete' ? !before.has(json) : true
		};
	});
}
