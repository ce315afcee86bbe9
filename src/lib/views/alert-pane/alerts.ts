/**
 * The alert pane (advanced-15): the rows a query's sink received, newest first, when every sink
 * row is an alert (the program's filter decided it). Pure layout: the rows come from the engine's
 * run as they are; a JSON `value` column (what `to_json(struct(...))` wrote to Kafka) is spread
 * into its fields so the alert reads as the consumer of the topic would read it.
 */
import { formatCell } from '../result-table/rows';

/** A batch's sink rows, in the output's column order. */
export interface AlertBatch {
	readonly batchId: number;
	readonly rows: readonly (readonly unknown[])[];
}

export interface AlertRow {
	readonly key: string;
	readonly batchId: number;
	readonly cells: readonly string[];
	/** Written by the last batch shown. */
	readonly fresh: boolean;
}

export interface AlertPaneModel {
	readonly columns: readonly string[];
	readonly rows: readonly AlertRow[];
	/** Alerts so far (rows beyond `limit` included). */
	readonly total: number;
	/** Alerts the last batch wrote. */
	readonly fresh: number;
	/** Rows left out below the newest `limit`. */
	readonly hidden: number;
}

const ISO = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d(?:\.\d+)?)Z?$/;

/** A JSON object in a text cell (a Kafka value), else null. */
function jsonObject(v: unknown): Record<string, unknown> | null {
	if (typeof v !== 'string' || !v.startsWith('{')) return null;
	try {
		const o: unknown = JSON.parse(v);
		return o !== null && typeof o === 'object' && !Array.isArray(o)
			? (o as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}

/** A clock time for an ISO timestamp (`10:00:40`, `00:00:26.6`), else the cell as the result
 *  table prints it. */
function cell(v: unknown): string {
	if (typeof v === 'string') {
		const m = ISO.exec(v);
		if (m) {
			const [hms, frac] = (m[2] as string).split('.');
			const tenth = frac && !/^0+$/.test(frac) ? `.${frac.slice(0, 1)}` : '';
			return `${hms}${tenth}`;
		}
		return v;
	}
	if (typeof v === 'object' && v !== null && 'start' in v && 'end' in v) {
		const w = v as { start: unknown; end: unknown };
		if (typeof w.start === 'string') return `[${cell(w.start)}, ${cell(w.end)})`;
	}
	return formatCell(v);
}

/** Columns with each JSON-valued column replaced by its fields (from the first row that has
 *  them); a key column that repeats a field of the value is dropped. */
function spread(columns: readonly string[], first: readonly unknown[] | undefined) {
	const parts = columns.map((_, i) => {
		const o = first ? jsonObject(first[i]) : null;
		return o ? { column: i, fields: Object.keys(o) } : { column: i, fields: null };
	});
	const fields = new Set(parts.flatMap((p) => p.fields ?? []));
	return parts.filter(
		(p) => p.fields !== null || !(columns[p.column] === 'key' && fields.size > 0)
	);
}

export function alertPane(
	columns: readonly string[],
	batches: readonly AlertBatch[],
	limit = 8
): AlertPaneModel {
	const withRows = batches.filter((b) => b.rows.length > 0);
	const last = batches.at(-1);
	const shape = spread(columns, withRows[0]?.rows[0]);
	const header = shape.flatMap((p) => p.fields ?? [columns[p.column] as string]);
	const all: AlertRow[] = [];
	for (const b of [...withRows].reverse()) {
		b.rows.forEach((r, i) => {
			const cells = shape.flatMap((p) => {
				if (p.fields === null) return [cell(r[p.column])];
				const o = jsonObject(r[p.column]) ?? {};
				return p.fields.map((f) => cell(o[f]));
			});
			all.push({ key: `${b.batchId}-${i}`, batchId: b.batchId, cells, fresh: b === last });
		});
	}
	return {
		columns: header,
		rows: all.slice(0, limit),
		total: all.length,
		fresh: last?.rows.length ?? 0,
		hidden: Math.max(0, all.length - limit)
	};
}
