/**
 * Aggregate expressions inside `agg(...)`: finding them in an output expression (an alias, or
 * arithmetic over several, as `sum(x) / count(*)`), and compiling one against the aggregation's
 * input — its argument evaluator, its AggregateImpl and the name Spark gives its result column
 * (AggregateExpression's attribute, e.g. `count(1)`, `sum(value)`, `count(DISTINCT v)`).
 */
import { ok, type Result } from '../../core/errors';
import type { DataType, Expr, StructField } from './ast';
import { aggregateFunction, type AggregateImpl } from './aggregates';
import { compileExpr, type Compiled } from './compile';
import { errAt, NO_POS } from './context';
import { outputNameWith, outputName } from './names';

export type AggExpr = Expr & { readonly kind: 'agg' };

export interface CompiledAggregate {
	readonly expr: AggExpr;
	/** The result column's name in the post-aggregation row; compileExpr of an output
	 *  expression over that row resolves the aggregate to it. */
	readonly name: string;
	readonly type: DataType;
	readonly impl: AggregateImpl;
	/** The argument, or null for count(*) (every row counts). */
	readonly input: Compiled | null;
}

/** The aggregates of an output expression, outermost first, without nesting into them. */
export function findAggregates(e: Expr, out: AggExpr[] = []): AggExpr[] {
	switch (e.kind) {
		case 'agg':
			out.push(e);
			break;
		case 'alias':
		case 'cast':
		case 'unary':
		case 'field':
			findAggregates(e.expr, out);
			break;
		case 'binary':
			findAggregates(e.left, out);
			findAggregates(e.right, out);
			break;
		case 'in':
			[e.expr, ...e.list].forEach((x) => findAggregates(x, out));
			break;
		case 'case':
			e.branches.forEach(([c, v]) => (findAggregates(c, out), findAggregates(v, out)));
			if (e.otherwise !== null) findAggregates(e.otherwise, out);
			break;
		case 'call':
			e.args.forEach((x) => findAggregates(x, out));
			break;
		default:
			break;
	}
	return out;
}

export function compileAggregate(
	e: AggExpr,
	input: readonly StructField[]
): Result<CompiledAggregate> {
	const at = e.at ?? NO_POS;
	const [arg, ...rest] = e.args;
	const noArg = arg === undefined || arg.kind === 'star';
	if (rest.length > 0 && e.fn !== 'approx_count_distinct') {
		const n = e.args.length;
		const what = `Aggregate \`${outputName(e)}\` with ${n} arguments`;
		return errAt(at, `${what} is not supported; pass one column.`);
	}
	if (noArg && e.fn !== 'count') {
		const head = `[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The \`${e.sqlName ?? e.fn}\``;
		return errAt(at, `${head} requires 1 parameters but the actual number is 0.`);
	}
	let compiledArg: Compiled | null = null;
	if (!noArg) {
		const c = compileExpr(arg, input);
		if (!c.ok) return c;
		compiledArg = c.value;
	}
	const argName = compiledArg?.name;
	const name = outputNameWith(e, (x) =>
		x === arg && argName !== undefined ? argName : outputName(x)
	);
	const impl = aggregateFunction(e.fn, e.distinct, compiledArg?.type ?? null);
	if (!impl.ok) {
		const message = impl.error
			.replace(/Cannot resolve "[^"]*"/, `Cannot resolve "${name}"`)
			.replace('however it has', `however "${argName ?? ''}" has`);
		return errAt(at, message);
	}
	return ok({ expr: e, name, type: impl.value.type, impl: impl.value, input: compiledArg });
}
