/**
 * The innermost levels of Spark SQL expression text (SqlBaseParser's primaryExpression):
 * literals with Spark's typing (INT unless it needs BIGINT, `L`/`D` suffixes), adjacent string
 * literals concatenated, INTERVAL and TIMESTAMP '...' literals, CASE, column references,
 * function calls, and the postfix forms `.field`, `[index]` and `::type`.
 */
import type { DataType, Expr, Pos } from './ast';
import { parseCallArgs } from './sql-calls';
import { parseIntervalLiteral } from './sql-interval';
import { SqlSyntaxError } from './sql-lexer';
import type { SqlParser } from './sql-parser';
import { BOOLEAN, DOUBLE, INT, LONG, NULL_TYPE, STRING, TIMESTAMP, parseDataType } from './types';

/** Words that end an expression rather than name a column. */
export const RESERVED = new Set([
	'and',
	'or',
	'not',
	'case',
	'when',
	'then',
	'else',
	'end',
	'as',
	'is',
	'in',
	'between',
	'like',
	'rlike',
	'distinct',
	'div',
	'from'
]);

const INT_MAX = 2147483647;

/** Spark's literal typing: an integer that fits is INT, else BIGINT; L → BIGINT; S/Y → the
 *  narrow integrals (modelled as INT); D/F, exponents and decimals → DOUBLE (Spark makes `1.5`
 *  a DECIMAL; the engine's numbers are doubles). */
function numberLiteral(text: string, at: Pos): Expr {
	const m = /^(.*?)(bd|l|s|y|d|f)?$/i.exec(text);
	const body = m?.[1] ?? text;
	const suffix = (m?.[2] ?? '').toLowerCase();
	const value = Number(body);
	if (suffix === 'l') return { kind: 'lit', value, type: LONG, at };
	if (suffix === 's' || suffix === 'y') return { kind: 'lit', value, type: INT, at };
	if (/^\d+$/.test(body) && suffix === '') {
		return { kind: 'lit', value, type: value <= INT_MAX ? INT : LONG, at };
	}
	return { kind: 'lit', value, type: DOUBLE, at };
}

/** A type name after CAST ... AS or `::`, with optional (p, s) or <element>. */
export function parseTypeName(p: SqlParser): DataType {
	const t = p.peek();
	const name = p.identifier();
	if (p.isOp('<')) {
		p.next();
		const element = parseTypeName(p);
		p.expectOp('>');
		if (name.toLowerCase() !== 'array') p.fail(t);
		return { kind: 'array', element };
	}
	if (p.isOp('(')) {
		while (!p.isOp(')') && p.peek().kind !== 'eof') p.next();
		p.expectOp(')');
	}
	const type = parseDataType(name);
	if (type === null) {
		const message = `[UNSUPPORTED_DATATYPE] Unsupported data type "${name.toUpperCase()}".`;
		throw new SqlSyntaxError(t.offset, message);
	}
	return type;
}

function parseCase(p: SqlParser): Expr {
	const start = p.next();
	const subject = p.isKw('when') ? null : p.parseExpr();
	const branches: (readonly [Expr, Expr])[] = [];
	while (p.isKw('when')) {
		const w = p.next();
		const cond = p.parseExpr();
		p.expectKw('then');
		const value = p.parseExpr();
		branches.push([subject === null ? cond : p.binary('=', subject, cond, w.offset), value]);
	}
	if (branches.length === 0) p.fail();
	let otherwise: Expr | null = null;
	if (p.isKw('else')) {
		p.next();
		otherwise = p.parseExpr();
	}
	p.expectKw('end');
	return { kind: 'case', branches, otherwise, at: p.pos(start.offset) };
}

function parsePrimary(p: SqlParser): Expr {
	const t = p.peek();
	const at = p.pos(t.offset);
	if (t.kind === 'number') return numberLiteral(p.next().text, at);
	if (t.kind === 'string') {
		let value = p.next().text;
		// Adjacent string literals concatenate, as in SqlBaseParser's `stringLit+`.
		while (p.peek().kind === 'string') value += p.next().text;
		return { kind: 'lit', value, type: STRING, at };
	}
	if (p.isOp('(')) {
		p.next();
		const e = p.parseExpr();
		p.expectOp(')');
		return e;
	}
	if (t.kind === 'qident') return { kind: 'col', name: p.next().text, at };
	if (t.kind !== 'ident') return p.fail();
	const word = t.text.toLowerCase();
	if (word === 'null') {
		p.next();
		return { kind: 'lit', value: null, type: NULL_TYPE, at };
	}
	if (word === 'true' || word === 'false') {
		p.next();
		return { kind: 'lit', value: word === 'true', type: BOOLEAN, at };
	}
	if (word === 'interval') {
		p.next();
		return parseIntervalLiteral(p, t.offset);
	}
	if (word === 'case') return parseCase(p);
	if ((word === 'timestamp' || word === 'timestamp_ltz') && p.peek(1).kind === 'string') {
		p.next();
		const s = p.next();
		const text: Expr = { kind: 'lit', value: s.text, type: STRING, at: p.pos(s.offset) };
		return { kind: 'cast', expr: text, to: TIMESTAMP, at };
	}
	if (RESERVED.has(word)) return p.fail();
	p.next();
	if (p.isOp('(')) return parseCallArgs(p, t);
	return { kind: 'col', name: t.text, at };
}

export function parsePostfix(p: SqlParser): Expr {
	let e = parsePrimary(p);
	for (;;) {
		const at = p.pos(p.peek().offset);
		if (p.isOp('.')) {
			p.next();
			e = { kind: 'field', expr: e, field: p.identifier(), at };
		} else if (p.isOp('[')) {
			p.next();
			const index = p.parseExpr();
			p.expectOp(']');
			e = { kind: 'call', fn: 'element_at_index', args: [e, index], at };
		} else if (p.isOp('::')) {
			p.next();
			e = { kind: 'cast', expr: e, to: parseTypeName(p), at };
		} else return e;
	}
}
