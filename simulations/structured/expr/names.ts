/**
 * The name Spark gives an unaliased column: `toPrettySQL` of the expression (Catalyst's
 * `usePrettyExpression(e).sql`). Attributes print bare, struct fields as `window.start`, string
 * and numeric literals unquoted, operators parenthesised — `(value % 5)`, `(NOT (a = b))` for
 * `!=` —, casts as `CAST(x AS BIGINT)`, count(*) as `count(1)`, explode's output as `col`.
 */
import type { Expr } from './ast';
import { intervalLiteralSql, javaDouble } from './format';
import { sqlTypeName } from './types';

const UNARY: Readonly<Record<string, (x: string) => string>> = {
	NOT: (x) => `(NOT ${x})`,
	NEGATE: (x) => `(- ${x})`,
	IS_NULL: (x) => `(${x} IS NULL)`,
	IS_NOT_NULL: (x) => `(${x} IS NOT NULL)`
};

function literalName(e: Expr & { kind: 'lit' }): string {
	const v = e.value;
	if (v === null) return 'NULL';
	if (e.type.kind === 'interval' && typeof v === 'number') return intervalLiteralSql(v);
	if (e.type.kind === 'double' && typeof v === 'number') return javaDouble(v);
	if (typeof v === 'object') return JSON.stringify(v);
	return String(v);
}

function callName(fn: string, args: readonly Expr[], sub: (e: Expr) => string): string {
	const a = args.map(sub);
	switch (fn) {
		case 'explode':
		case 'explode_outer':
			return 'col';
		case 'posexplode':
			return 'pos';
		case 'split':
			// StringSplit has a limit argument, -1 when omitted, and prints it.
			return `split(${[...a, ...(a.length === 2 ? ['-1'] : [])].join(', ')})`;
		case 'div':
			return `(${a[0] ?? ''} div ${a[1] ?? ''})`;
		case 'like':
		case 'rlike':
			return `${a[0] ?? ''} ${fn.toUpperCase()} ${a[1] ?? ''}`;
		case 'element_at_index':
			return `${a[0] ?? ''}[${a[1] ?? ''}]`;
		case 'try_cast': {
			const inner = args[0];
			if (inner?.kind !== 'cast') return `try_cast(${a.join(', ')})`;
			return `TRY_CAST(${sub(inner.expr)} AS ${sqlTypeName(inner.to)})`;
		}
		default:
			return `${fn}(${a.join(', ')})`;
	}
}

/** The name of `e`, naming its children with `sub` (the compiler passes the names it resolved). */
export function outputNameWith(e: Expr, sub: (child: Expr) => string): string {
	switch (e.kind) {
		case 'col':
			return e.name;
		case 'star':
			return '*';
		case 'lit':
			return literalName(e);
		case 'alias':
			return e.name;
		case 'cast':
			return `CAST(${sub(e.expr)} AS ${sqlTypeName(e.to)})`;
		case 'binary':
			if (e.op === '!=') return `(NOT (${sub(e.left)} = ${sub(e.right)}))`;
			return `(${sub(e.left)} ${e.op} ${sub(e.right)})`;
		case 'unary':
			return (UNARY[e.op] ?? ((x: string) => x))(sub(e.expr));
		case 'in':
			return `(${sub(e.expr)} IN (${e.list.map(sub).join(', ')}))`;
		case 'case': {
			const whens = e.branches.map(([c, v]) => ` WHEN ${sub(c)} THEN ${sub(v)}`).join('');
			const otherwise = e.otherwise === null ? '' : ` ELSE ${sub(e.otherwise)}`;
			return `CASE${whens}${otherwise} END`;
		}
		case 'field':
			return `${sub(e.expr)}.${e.field}`;
		case 'call':
			return callName(e.fn, e.args, sub);
		case 'window':
			return 'window';
		case 'session_window':
			return 'session_window';
		case 'agg': {
			const name = e.sqlName ?? (e.fn === 'count_distinct' ? 'count' : e.fn);
			const distinct = e.distinct || e.fn === 'count_distinct' ? 'DISTINCT ' : '';
			const args = e.args.map((x) => (x.kind === 'star' ? '1' : sub(x)));
			return `${name}(${distinct}${args.join(', ')})`;
		}
	}
}

export function outputName(e: Expr): string {
	return outputNameWith(e, outputName);
}
