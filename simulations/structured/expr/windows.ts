/**
 * Time windows evaluated on one row (SPARK-SEMANTICS.md R3.1–R3.3, TimeWindow and
 * TimeWindowResolution): `window` gives the window whose start is the latest one at or before
 * the row's time, `lastStart = t - ((t - startTime) mod slide)`, and `windowsFor` lists all
 * the windows a row falls in, newest first, for the executor's sliding-window expansion. A
 * window struct as time column means `window_time(w) = w.end - 1µs`; session_window is
 * [t, t + gap).
 */
import { ok, type Result } from '../../core/errors';
import type { Expr, Pos, Value } from './ast';
import { compiled, errAt, typeMismatch, type CompileFn, type Compiled, type Eval } from './context';
import { parseDurationUs } from './duration';
import { sqlTypeName, WINDOW_TYPE } from './types';
import { RUN_LIMITS, limitMessage } from '../../core/budget';

export interface WindowRange {
	readonly start: number;
	readonly end: number;
}

/** All windows containing t (µs), in Spark's order i = 0 (newest start) .. k-1. */
export function windowsFor(
	t: number,
	durationUs: number,
	slideUs: number,
	startUs: number
): WindowRange[] {
	const remainder = (t - startUs) % slideUs;
	const lastStart = t - (remainder < 0 ? remainder + slideUs : remainder);
	const k = Math.ceil(durationUs / slideUs);
	const out: WindowRange[] = [];
	const exact = durationUs % slideUs === 0;
	for (let i = 0; i < k; i++) {
		const start = lastStart - i * slideUs;
		const end = start + durationUs;
		if (exact || (start <= t && t < end)) out.push({ start, end });
	}
	return out;
}

/** The time column of a window: a timestamp, or window_time() of a window struct. */
export function timeColumn(c: Compiled, sql: string, at: Pos): Result<Eval> {
	if (c.type.kind === 'timestamp' || c.type.kind === 'null') return ok(c.eval);
	if (c.type.kind === 'struct' && c.type.fields.some((f) => f.name === 'end')) {
		const e = c.eval;
		return ok((row) => {
			const w = e(row) as { readonly end: Value } | null;
			return w === null || w.end === null ? null : (w.end as number) - 1;
		});
	}
	const found = `"${c.name}" has the type "${sqlTypeName(c.type)}"`;
	const requires = 'The first parameter requires the ("TIMESTAMP" or "TIMESTAMP_NTZ") type';
	return typeMismatch(at, 'UNEXPECTED_INPUT_TYPE', sql, `${requires}, however ${found}.`);
}

const LONG_MAX = '9223372036854775807';

export function compileWindow(
	e: Expr & { kind: 'window' },
	compile: CompileFn,
	at: Pos,
	name: string
): Result<Compiled> {
	const time = compile(e.time, at);
	if (!time.ok) return time;
	const sql = `window(${time.value.name}, ${e.durationUs}, ${e.slideUs}, ${e.startUs})`;
	const range = (what: string, v: number): Result<never> => {
		const detail = `The \`${what}\` must be between (0, ${LONG_MAX}] (current value = ${v}L).`;
		return typeMismatch(at, 'VALUE_OUT_OF_RANGE', sql, detail);
	};
	const constraint = (l: string, lv: number, op: string, r: string, rv: number): Result<never> => {
		const detail = `The \`${l}\`(${lv}L) must be ${op} the \`${r}\`(${rv}L).`;
		return typeMismatch(at, 'PARAMETER_CONSTRAINT_VIOLATION', sql, detail);
	};
	const { durationUs, slideUs, startUs } = e;
	if (durationUs <= 0) return range('window_duration', durationUs);
	if (slideUs <= 0) return range('slide_duration', slideUs);
	if (slideUs > durationUs) {
		return constraint('slide_duration', slideUs, '<=', 'window_duration', durationUs);
	}
	if (Math.abs(startUs) >= slideUs) {
		return constraint('abs(start_time)', Math.abs(startUs), '<', 'slide_duration', slideUs);
	}
	// Spark would expand each row into this many; the playground refuses past its limit, at the call.
	const perRow = Math.ceil(durationUs / slideUs);
	if (perRow > RUN_LIMITS.windowsPerRow) return errAt(at, limitMessage('windowsPerRow', perRow));
	const t = timeColumn(time.value, sql, at);
	if (!t.ok) return t;
	const te = t.value;
	return ok(
		compiled(WINDOW_TYPE, name, true, (row) => {
			const v = te(row);
			if (v === null) return null;
			const ts = v as number;
			const remainder = (ts - startUs) % slideUs;
			const start = ts - (remainder < 0 ? remainder + slideUs : remainder);
			return { start, end: start + durationUs };
		})
	);
}

export function compileSessionWindow(
	e: Expr & { kind: 'session_window' },
	compile: CompileFn,
	at: Pos,
	name: string
): Result<Compiled> {
	const time = compile(e.time, at);
	if (!time.ok) return time;
	const gap = compile(e.gap, at);
	if (!gap.ok) return gap;
	const sql = `session_window(${time.value.name}, ${gap.value.name})`;
	const t = timeColumn(time.value, sql, at);
	if (!t.ok) return t;
	let gapUs: Eval;
	if (e.gap.kind === 'lit' && typeof e.gap.value === 'string') {
		const us = parseDurationUs(e.gap.value);
		if (!us.ok) return errAt(at, us.error);
		gapUs = () => us.value;
	} else if (gap.value.type.kind === 'interval' || gap.value.type.kind === 'null') {
		gapUs = gap.value.eval;
	} else if (gap.value.type.kind === 'string') {
		const g = gap.value.eval;
		// A per-row gap string: parsed per row, NULL when it is not a valid day-time interval.
		let lastText: Value = null;
		let lastUs: Value = null;
		gapUs = (row) => {
			const s = g(row);
			if (s === null) return null;
			if (s !== lastText) {
				const us = parseDurationUs(s as string);
				lastText = s;
				lastUs = us.ok ? us.value : null;
			}
			return lastUs;
		};
	} else {
		const found = `"${gap.value.name}" has the type "${sqlTypeName(gap.value.type)}"`;
		const requires = 'The second parameter requires the ("STRING" or "INTERVAL") type';
		return typeMismatch(at, 'UNEXPECTED_INPUT_TYPE', sql, `${requires}, however ${found}.`);
	}
	const te = t.value;
	return ok(
		compiled(WINDOW_TYPE, name, true, (row) => {
			const v = te(row);
			if (v === null) return null;
			const g = gapUs(row);
			if (g === null) return null;
			return { start: v, end: (v as number) + (g as number) };
		})
	);
}

/** window_time(w): the last microsecond inside a window or session window. */
export function compileWindowTime(arg: Compiled, at: Pos, name: string): Result<Compiled> {
	if (arg.type.kind !== 'struct' || !arg.type.fields.some((f) => f.name === 'end')) {
		return errAt(at, `The input is not a correct window column: ${arg.name}`);
	}
	const e = arg.eval;
	return ok(
		compiled({ kind: 'timestamp' }, name, true, (row) => {
			const w = e(row) as { readonly end: Value } | null;
			return w === null || w.end === null ? null : (w.end as number) - 1;
		})
	);
}
