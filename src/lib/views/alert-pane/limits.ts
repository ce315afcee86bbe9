/**
 * An alert rule's limit drawn against the values that crossed it (advanced-15): every alert row's
 * value of the column the rule compares, as a dot on a value axis, and the program's constant as
 * a labelled line (both ±limit for a rule on the absolute value, a z-score). Pure layout: the
 * values are the sink's rows as the engine wrote them, the limit is the parameter read back from
 * the program.
 */
import type { AlertLimit } from '$sim';
import { alertPane, type AlertBatch } from './alerts';

export interface LimitStrip {
	readonly label: string;
	readonly column: string;
	readonly width: number;
	/** The limit's line(s): x and what it says. */
	readonly lines: readonly { readonly x: number; readonly text: string }[];
	readonly dots: readonly { readonly x: number; readonly value: string; readonly fresh: boolean }[];
	readonly ticks: readonly { readonly x: number; readonly text: string }[];
	/** Alerts whose value did not cross this limit: another rule of the filter fired for them. */
	readonly otherRule: number;
}

const PAD = 14;

const short = (v: number): string =>
	Math.abs(v) >= 100 ? String(Math.round(v)) : String(Math.round(v * 100) / 100);

export function limitStrip(
	limit: AlertLimit,
	value: number,
	columns: readonly string[],
	batches: readonly AlertBatch[],
	width: number
): LimitStrip {
	const model = alertPane(columns, batches, Number.POSITIVE_INFINITY);
	const at = model.columns.indexOf(limit.column);
	const rows = at < 0 ? [] : model.rows;
	const points = rows
		.map((r) => ({ v: Number(r.cells[at]), fresh: r.fresh }))
		.filter((p) => Number.isFinite(p.v));
	const bounds = limit.absolute ? [-value, value] : [value];
	const all = [...bounds, ...points.map((p) => p.v), ...(limit.absolute ? [] : [0])];
	let lo = Math.min(...all);
	let hi = Math.max(...all);
	if (hi === lo) hi = lo + 1;
	const span = hi - lo;
	lo -= span * 0.06;
	hi += span * 0.06;
	const w = Math.max(160, width);
	const x = (v: number) => PAD + ((v - lo) / (hi - lo)) * (w - 2 * PAD);
	const name = `${limit.name} = ${short(value)}`;
	return {
		label: `${limit.column} against ${limit.absolute ? `±${limit.name}` : limit.name}`,
		column: limit.column,
		width: w,
		lines: bounds.map((b, i) => ({
			x: x(b),
			text: limit.absolute ? (i === 0 ? `−${short(value)}` : `+${name}`) : name
		})),
		dots: points.map((p) => ({ x: x(p.v), value: short(p.v), fresh: p.fresh })),
		ticks: [lo + span * 0.06, hi - span * 0.06].map((v) => ({ x: x(v), text: short(v) })),
		otherRule: points.filter((p) => !(limit.absolute ? Math.abs(p.v) > value : p.v > value)).length
	};
}
