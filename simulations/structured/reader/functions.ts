/**
 * `pyspark.sql.functions` (imported as F): each supported function builds the Catalyst
 * expression PySpark's wrapper builds (a Column over `col`, `lit`, a scalar call, an aggregate,
 * `window` / `session_window`). Durations are parsed as Spark parses interval strings
 * (microseconds; SPARK-SEMANTICS §3 R3.1). Unknown functions are reported with this list.
 */
import type { AggregateFn, Expr, Pos } from '../expr/ast';
import { durationFromIntervalString, fromIntervalString } from '../expr/interval-string';
import { parseDurationUs, parseSqlExpr } from '../expr/index';
import { mapExpr } from '../analyzer/exprs';
import {
	arg,
	columnOrLiteral,
	columnOrName,
	flatArgs,
	nameToExpr,
	need,
	noMore,
	numOf,
	optionString,
	strOf,
	type Arg,
	type Args
} from './args';
import { fail } from './errors';
import { ddlTypeName, schemaOf } from './sparktypes';
import { describe, type PyValue } from './values';
import { pandasUdfOf, udfOf } from './udf-forms';

const AGGREGATES: Readonly<Record<string, AggregateFn>> = {
	count: 'count',
	sum: 'sum',
	avg: 'avg',
	mean: 'avg',
	min: 'min',
	max: 'max',
	first: 'first',
	last: 'last',
	collect_list: 'collect_list',
	collect_set: 'collect_set',
	approx_count_distinct: 'approx_count_distinct',
	approxCountDistinct: 'approx_count_distinct',
	stddev: 'stddev',
	stddev_samp: 'stddev',
	std: 'stddev',
	stddev_pop: 'stddev_pop',
	variance: 'variance',
	var_samp: 'variance',
	var_pop: 'var_pop',
	median: 'median'
};

/** Scalar functions whose every argument is a Column or a column name. */
const COLUMN_FNS = [
	'lower',
	'upper',
	'length',
	'abs',
	'sqrt',
	'exp',
	'log10',
	'log2',
	'ln',
	'floor',
	'ceil',
	'ceiling',
	'trim',
	'ltrim',
	'rtrim',
	'reverse',
	'signum',
	'isnan',
	'isnull',
	'concat',
	'coalesce',
	'greatest',
	'least',
	'array',
	'struct',
	'explode',
	'explode_outer',
	'posexplode',
	'size',
	'timestamp_seconds',
	'timestamp_millis',
	'timestamp_micros',
	'unix_timestamp',
	'window_time',
	'hash',
	'md5',
	'sha1',
	'initcap',
	'to_date',
	'hour',
	'minute',
	'second',
	'year',
	'month',
	'dayofmonth',
	'dayofweek',
	'nanvl',
	'array_contains',
	'map_keys',
	'map_values',
	'element_at',
	'ascii',
	'bin',
	'hex',
	'unhex',
	'negative',
	'positive',
	'parse_json',
	'try_parse_json',
	'is_variant_null'
];

/** Scalar functions: the first argument is a column, the rest are Python literals. */
const COLUMN_THEN_LITERALS = [
	'variant_get',
	'try_variant_get',
	'split',
	'round',
	'bround',
	'substring',
	'regexp_replace',
	'regexp_extract',
	'date_format',
	'to_timestamp',
	'lpad',
	'rpad',
	'repeat',
	'instr',
	'locate',
	'format_number',
	'date_trunc',
	'from_unixtime',
	'pow',
	'power',
	'log',
	'date_add',
	'date_sub',
	'left',
	'right',
	'substring_index'
];

const SPECIAL = [
	'col',
	'column',
	'lit',
	'expr',
	'when',
	'window',
	'session_window',
	'current_timestamp',
	'now',
	'countDistinct',
	'count_distinct',
	'sum_distinct',
	'sumDistinct',
	'from_json',
	'to_json',
	'concat_ws',
	'asc',
	'desc',
	'broadcast'
];

export const F_NAMES: readonly string[] = [
	...Object.keys(AGGREGATES),
	...COLUMN_FNS,
	...COLUMN_THEN_LITERALS,
	...SPECIAL
];

const SUPPORTED = `Supported functions: ${[...new Set(F_NAMES)].sort().join(', ')}.`;

const column = (expr: Expr): PyValue => ({ t: 'column', expr });

/** An interval string ("10 seconds") → microseconds, located at its argument. */
export function durationUs(x: Arg, what: string): number {
	const text = strOf(x, what);
	const r = parseDurationUs(text);
	return r.ok ? r.value : fail(x.at, r.error);
}

/** `withWatermark`'s delay in milliseconds: months count 31 days there (IntervalUtils.getDuration
 *  with DAYS_PER_MONTH, R2.1), unlike window durations, which reject months. */
export function watermarkDelayMs(x: Arg): number {
	const text = strOf(x, 'delayThreshold');
	const r = fromIntervalString(text);
	if (!r.ok) return fail(x.at, r.error);
	const dayUs = 86_400_000_000;
	const us = r.value.months * 31 * dayUs + r.value.days * dayUs + r.value.microseconds;
	if (us < 0)
		return fail(x.at, `requirement failed: delay threshold (${text}) should not be negative.`);
	return Math.floor(us / 1000);
}

/** A window's duration, slide or start: an int (microseconds, as in SQL) or a string read as
 *  TimeWindow.getIntervalInMicroSeconds reads it (IntervalUtils.fromIntervalString). */
function durationArg(x: Arg, what: string): number {
	if (x.v.t === 'num' && x.v.int) return x.v.v;
	const r = durationFromIntervalString(strOf(x, what));
	return r.ok ? r.value : fail(x.at, r.error);
}

/** `F.expr("...")` and `selectExpr` items: Spark SQL text starting inside the string literal. */
export function sqlExpr(x: Arg, what: string): Expr {
	const text = strOf(x, what);
	// Parsed with positions relative to the text (line 1, column = offset + 1), then moved to
	// where each character is written in the program.
	const locate = x.locate ?? ((): Pos => x.at);
	const r = parseSqlExpr(text);
	if (!r.ok)
		return fail(locate(Math.max(0, r.error.column - 1)), r.error.message, r.error.supported);
	return mapExpr(r.value, (e) => (e.at ? { ...e, at: locate(Math.max(0, e.at.column - 1)) } : e));
}

export function callF(name: string, a: Args): PyValue {
	const at: Pos = a.at;
	const agg = AGGREGATES[name];
	if (agg) {
		noMore(a, name === 'approx_count_distinct' || name === 'approxCountDistinct' ? 2 : 1, [
			'col',
			'rsd',
			'ignorenulls'
		]);
		const x = need(a, 0, 'col');
		const input: Expr =
			name === 'count' && x.v.t === 'str' && x.v.v === '*'
				? { kind: 'star', at: x.at }
				: columnOrName(x, `F.${name}`);
		return column({ kind: 'agg', fn: agg, args: [input], distinct: false, at });
	}
	if (COLUMN_FNS.includes(name)) {
		const args = flatArgs(a).map((x) => columnOrName(x, `F.${name}`));
		return column({ kind: 'call', fn: name === 'ceiling' ? 'ceil' : name, args, at });
	}
	if (COLUMN_THEN_LITERALS.includes(name)) {
		const [first, ...rest] = a.pos;
		if (!first) return fail(at, `F.${name}() missing required argument 'col'`);
		if (a.kw.size > 0) {
			const [k, v] = [...a.kw][0] ?? [];
			return fail(
				v?.at ?? at,
				`F.${name}(): keyword argument '${k}' is not supported; pass it by position`
			);
		}
		const args = [
			columnOrName(first, `F.${name}`),
			...rest.map((x) => columnOrLiteral(x, `F.${name}`))
		];
		return column({ kind: 'call', fn: name === 'pow' ? 'power' : name, args, at });
	}
	switch (name) {
		case 'udf':
			return udfOf(a);
		case 'pandas_udf':
			return pandasUdfOf(a);
		case 'col':
		case 'column':
			noMore(a, 1, ['col']);
			return column(nameToExpr(strOf(need(a, 0, 'col'), `F.${name}`), need(a, 0, 'col').at));
		case 'lit':
			noMore(a, 1, ['col']);
			return column(columnOrLiteral(need(a, 0, 'col'), 'F.lit'));
		case 'expr':
			noMore(a, 1, ['str']);
			return column(sqlExpr(need(a, 0, 'str'), 'F.expr'));
		case 'when': {
			noMore(a, 2, ['condition', 'value']);
			const cond = need(a, 0, 'condition');
			if (cond.v.t !== 'column') return fail(cond.at, 'condition should be a Column');
			return column({
				kind: 'case',
				branches: [[cond.v.expr, columnOrLiteral(need(a, 1, 'value'), 'F.when')]],
				otherwise: null,
				at
			});
		}
		case 'window':
			return column(windowFn(a));
		case 'session_window': {
			noMore(a, 2, ['timeColumn', 'gapDuration']);
			const time = columnOrName(need(a, 0, 'timeColumn'), 'F.session_window');
			const g = need(a, 1, 'gapDuration');
			const gap: Expr =
				g.v.t === 'column'
					? g.v.expr
					: { kind: 'lit', value: strOf(g, 'gapDuration'), type: { kind: 'string' }, at: g.at };
			if (g.v.t === 'str') durationUs(g, 'gapDuration');
			return column({ kind: 'session_window', time, gap, at });
		}
		case 'current_timestamp':
		case 'now':
			noMore(a, 0);
			return column({ kind: 'call', fn: 'current_timestamp', args: [], at });
		case 'countDistinct':
		case 'count_distinct':
		case 'sum_distinct':
		case 'sumDistinct': {
			const args = flatArgs(a).map((x) => columnOrName(x, `F.${name}`));
			if (args.length === 0) return fail(at, `F.${name}() needs at least one column`);
			const fn: AggregateFn = name.startsWith('sum') ? 'sum' : 'count';
			return column({ kind: 'agg', fn, args, distinct: true, at });
		}
		case 'from_json': {
			noMore(a, 3, ['col', 'schema', 'options']);
			const c = columnOrName(need(a, 0, 'col'), 'F.from_json');
			const s = need(a, 1, 'schema');
			const fields = schemaOf(s.v, s.at);
			const ddl: Expr = {
				kind: 'lit',
				value: ddlTypeName({ kind: 'struct', fields }),
				type: { kind: 'string' },
				at: s.at
			};
			const options = jsonOptions(arg(a, 2, 'options'));
			return column({
				kind: 'call',
				fn: 'from_json',
				args: options ? [c, ddl, options] : [c, ddl],
				at
			});
		}
		case 'to_json':
			return column({
				kind: 'call',
				fn: 'to_json',
				args: [columnOrName(need(a, 0, 'col'), 'F.to_json')],
				at
			});
		case 'concat_ws': {
			const [sep, ...cols] = flatArgs(a);
			if (!sep) return fail(at, "F.concat_ws() missing required argument 'sep'");
			return column({
				kind: 'call',
				fn: 'concat_ws',
				args: [columnOrLiteral(sep, 'sep'), ...cols.map((x) => columnOrName(x, 'F.concat_ws'))],
				at
			});
		}
		case 'asc':
		case 'desc':
			return {
				t: 'column',
				expr: sortMarker(columnOrName(need(a, 0, 'col'), `F.${name}`), name === 'asc', at)
			};
		case 'broadcast':
			return need(a, 0, 'df').v;
	}
	return fail(at, `\`F.${name}\` is not supported by the playground engine.`, SUPPORTED);
}

/** `F.window(timeColumn, windowDuration, slideDuration=None, startTime=None)`. */
function windowFn(a: Args): Expr {
	noMore(a, 4, ['timeColumn', 'windowDuration', 'slideDuration', 'startTime']);
	const time = columnOrName(need(a, 0, 'timeColumn'), 'F.window');
	const durationUsV = durationArg(need(a, 1, 'windowDuration'), 'windowDuration');
	const slide = arg(a, 2, 'slideDuration');
	const start = arg(a, 3, 'startTime');
	const slideUs = slide && slide.v.t !== 'none' ? durationArg(slide, 'slideDuration') : durationUsV;
	const startUs = start && start.v.t !== 'none' ? durationArg(start, 'startTime') : 0;
	return { kind: 'window', time, durationUs: durationUsV, slideUs, startUs, at: a.at };
}

/** Sort direction travels on the Column as a `call` named `__sort_asc` / `__sort_desc` until
 *  orderBy unwraps it; it is never evaluated. */
export function sortMarker(e: Expr, ascending: boolean, at: Pos): Expr {
	return { kind: 'call', fn: ascending ? '__sort_asc' : '__sort_desc', args: [e], at };
}

export const nonNegativeInt = (x: Arg, what: string): number => {
	const n = numOf(x, what);
	return Number.isInteger(n) && n >= 0 ? n : fail(x.at, `${what} must be a non-negative integer`);
};

/**
 * `from_json`'s options dict as one string literal (JSON), the function's third argument.
 * PySpark stringifies option values (`to_str`), as `.option()` does.
 */
function jsonOptions(x: Arg | undefined): Expr | null {
	if (x === undefined || x.v.t === 'none') return null;
	if (x.v.t !== 'dict') return fail(x.at, `options must be a dict, not ${describe(x.v)}`);
	const out: Record<string, string> = {};
	for (const [k, v] of x.v.entries) {
		if (k.t !== 'str') return fail(x.at, `option names must be strings, not ${describe(k)}`);
		out[k.v] = optionString({ v, at: x.at });
	}
	return { kind: 'lit', value: JSON.stringify(out), type: { kind: 'string' }, at: x.at };
}
