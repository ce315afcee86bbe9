/**
 * Function calls in Spark SQL text: CAST(x AS t), count(*), count(DISTINCT x), aggregates by
 * their FunctionRegistry names, `window(time, '10 seconds', 10000000, '-5 seconds')` (durations
 * as interval strings, interval literals or microseconds, as TimeWindow's constructors accept),
 * `session_window(time, gap)` with a literal or per-row gap, and scalar functions by name.
 */
import type { Expr, Pos } from './ast';
import { aggregateByName } from './agg-names';
import { parseDurationUs } from './duration';
import { SqlSyntaxError, type Token } from './sql-lexer';
import type { SqlParser } from './sql-parser';
import { parseTypeName } from './sql-primary';

/** Called with the function name consumed and `(` next. */
export function parseCallArgs(p: SqlParser, name: Token): Expr {
	const fn = name.text.toLowerCase();
	const at = p.pos(name.offset);
	p.expectOp('(');
	if (fn === 'cast' || fn === 'try_cast') {
		const e = p.parseExpr();
		p.expectKw('as');
		const to = parseTypeName(p);
		p.expectOp(')');
		const cast: Expr = { kind: 'cast', expr: e, to, at };
		return fn === 'try_cast' ? { kind: 'call', fn: 'try_cast', args: [cast], at } : cast;
	}
	const agg = aggregateByName(fn);
	if (agg !== null && p.isOp('*')) {
		const star = p.next();
		p.expectOp(')');
		if (agg.fn !== 'count') p.fail(star);
		const args: Expr[] = [{ kind: 'star', at: p.pos(star.offset) }];
		return { kind: 'agg', fn: 'count', args, distinct: false, at };
	}
	let distinct = false;
	if (agg !== null && p.isKw('distinct')) {
		p.next();
		distinct = true;
	}
	const args: Expr[] = [];
	if (!p.isOp(')')) {
		args.push(p.parseExpr());
		while (p.isOp(',')) {
			p.next();
			args.push(p.parseExpr());
		}
	}
	p.expectOp(')');
	if (agg !== null) {
		const base = { kind: 'agg' as const, fn: agg.fn, args, distinct, at };
		return agg.sqlName === undefined ? base : { ...base, sqlName: agg.sqlName };
	}
	if (fn === 'window') return windowCall(args, at, name);
	if (fn === 'session_window') {
		const [time, gap] = args;
		if (time === undefined || gap === undefined || args.length > 2) {
			throw new SqlSyntaxError(name.offset, wrongArgs('session_window', '2', args.length));
		}
		return { kind: 'session_window', time, gap, at };
	}
	return { kind: 'call', fn, args, at };
}

function wrongArgs(fn: string, expected: string, actual: number): string {
	const head = `[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The \`${fn}\` requires ${expected} parameters`;
	return `${head} but the actual number is ${actual}.`;
}

/** A duration argument of window(): an interval string, an interval literal, or a number of
 *  microseconds (TimeWindow accepts a Long as microseconds). */
function durationArg(e: Expr, what: string, offset: number): number {
	if (e.kind === 'lit' && typeof e.value === 'string') {
		const us = parseDurationUs(e.value);
		if (!us.ok) throw new SqlSyntaxError(offset, us.error);
		return us.value;
	}
	if (e.kind === 'lit' && typeof e.value === 'number' && e.type.kind !== 'double') return e.value;
	if (e.kind === 'unary' && e.op === 'NEGATE') return -durationArg(e.expr, what, offset);
	throw new SqlSyntaxError(
		offset,
		`The ${what} of window() must be a literal: an interval string such as '10 seconds', an interval, or a number of microseconds.`
	);
}

function windowCall(args: readonly Expr[], at: Pos, name: Token): Expr {
	const [time, duration, slide, start] = args;
	if (time === undefined || duration === undefined || args.length > 4) {
		throw new SqlSyntaxError(name.offset, wrongArgs('window', '[2, 3, 4]', args.length));
	}
	const durationUs = durationArg(duration, 'window duration', name.offset);
	const slideUs =
		slide === undefined ? durationUs : durationArg(slide, 'slide duration', name.offset);
	const startUs = start === undefined ? 0 : durationArg(start, 'start time', name.offset);
	return { kind: 'window', time, durationUs, slideUs, startUs, at };
}
