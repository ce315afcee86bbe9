/**
 * Python operators on Columns, as pyspark.sql.Column overloads them: arithmetic and comparisons
 * build Catalyst expressions, `&` `|` `~` are AND / OR / NOT, and `and` / `or` / `not` raise
 * PySpark's "Cannot convert column into bool" (Column.__nonzero__). Operators between Python
 * constants fold, so `WINDOW * 2` or `"1" + " minute"` work.
 */
import type { BinaryOp, Expr, Pos } from '../expr/ast';
import { columnOrLiteral, type Arg } from './args';
import { fail } from './errors';
import { describe, type PyValue } from './values';

const BOOL_ERROR =
	"Cannot convert column into bool: please use '&' for 'and', '|' for 'or', '~' for 'not' when building DataFrame boolean expressions.";

const COLUMN_OPS: Readonly<Record<string, BinaryOp>> = {
	'+': '+',
	'-': '-',
	'*': '*',
	'/': '/',
	'%': '%',
	'==': '=',
	'!=': '!=',
	'<': '<',
	'<=': '<=',
	'>': '>',
	'>=': '>=',
	'&': 'AND',
	'|': 'OR'
};

export function binaryOp(op: string, l: Arg, r: Arg, at: Pos): PyValue {
	if (l.v.t === 'column' || r.v.t === 'column') {
		if (op === 'and' || op === 'or' || op === 'in' || op === 'not in') return fail(at, BOOL_ERROR);
		if (op === '**')
			return column({
				kind: 'call',
				fn: 'power',
				args: [columnOrLiteral(l, op), columnOrLiteral(r, op)],
				at
			});
		const bop = COLUMN_OPS[op];
		if (!bop)
			return fail(
				at,
				`operator \`${op}\` is not supported on Columns`,
				'Supported: + - * / % == != < <= > >= & | ~ and -x.'
			);
		return column({
			kind: 'binary',
			op: bop,
			left: columnOrLiteral(l, op),
			right: columnOrLiteral(r, op),
			at
		});
	}
	return constantOp(op, l.v, r.v, at);
}

export function unaryOp(op: string, x: Arg, at: Pos): PyValue {
	const v = x.v;
	if (v.t === 'column') {
		if (op === '-') return column({ kind: 'unary', op: 'NEGATE', expr: v.expr, at });
		if (op === '~') return column({ kind: 'unary', op: 'NOT', expr: v.expr, at });
		if (op === '+') return v;
		return fail(at, BOOL_ERROR);
	}
	if (v.t === 'num' && (op === '-' || op === '+'))
		return { t: 'num', v: op === '-' ? -v.v : v.v, int: v.int };
	if (op === 'not') return { t: 'bool', v: !truthy(v) };
	return fail(at, `bad operand type for unary ${op}: '${describe(v)}'`);
}

const column = (expr: Expr): PyValue => ({ t: 'column', expr });

function truthy(v: PyValue): boolean {
	switch (v.t) {
		case 'none':
			return false;
		case 'bool':
			return v.v;
		case 'num':
			return v.v !== 0;
		case 'str':
			return v.v !== '';
		case 'list':
			return v.items.length > 0;
		case 'dict':
			return v.entries.length > 0;
		default:
			return true;
	}
}

function constantOp(op: string, a: PyValue, b: PyValue, at: Pos): PyValue {
	if (op === 'and') return truthy(a) ? b : a;
	if (op === 'or') return truthy(a) ? a : b;
	if (a.t === 'str' && b.t === 'str') {
		if (op === '+') return { t: 'str', v: a.v + b.v };
		if (op === '==' || op === '!=') return { t: 'bool', v: (a.v === b.v) === (op === '==') };
	}
	if (a.t === 'str' && b.t === 'num' && op === '*' && b.int)
		return { t: 'str', v: a.v.repeat(Math.max(0, b.v)) };
	if (a.t === 'list' && b.t === 'list' && op === '+')
		return { t: 'list', items: [...a.items, ...b.items] };
	if (a.t === 'num' && b.t === 'num') {
		const int = a.int && b.int;
		const x = a.v;
		const y = b.v;
		switch (op) {
			case '+':
				return { t: 'num', v: x + y, int };
			case '-':
				return { t: 'num', v: x - y, int };
			case '*':
				return { t: 'num', v: x * y, int };
			case '/':
				if (y === 0) return fail(at, 'division by zero');
				return { t: 'num', v: x / y, int: false };
			case '//':
				if (y === 0) return fail(at, 'integer division or modulo by zero');
				return { t: 'num', v: Math.floor(x / y), int };
			case '%':
				if (y === 0) return fail(at, 'integer division or modulo by zero');
				return { t: 'num', v: x - Math.floor(x / y) * y, int };
			case '**':
				return { t: 'num', v: x ** y, int: int && y >= 0 };
			case '==':
				return { t: 'bool', v: x === y };
			case '!=':
				return { t: 'bool', v: x !== y };
			case '<':
				return { t: 'bool', v: x < y };
			case '<=':
				return { t: 'bool', v: x <= y };
			case '>':
				return { t: 'bool', v: x > y };
			case '>=':
				return { t: 'bool', v: x >= y };
		}
	}
	return fail(at, `unsupported operand type(s) for ${op}: '${describe(a)}' and '${describe(b)}'`);
}
