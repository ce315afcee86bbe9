/**
 * GroupedData: `groupBy(...)` followed by agg (Columns or a {column: function} dict), count,
 * sum, avg/mean, min, max. The Aggregate's output is the grouping expressions then the
 * aggregates, as RelationalGroupedDataset.toDF builds it; `count()` is named `count`.
 */
import type { Expr } from '../expr/ast';
import type { Plan } from '../plan';
import { columnOrName, flatArgs, nameToExpr, noMore, type Arg, type Args } from './args';
import { fail } from './errors';
import type { ReaderState } from './state';
import { NOT_LOADED, pythonStateSupport } from '../python-state-support';
import { describe, type PyValue } from './values';

type Grouped = PyValue & { t: 'grouped' };
const df = (plan: Plan): PyValue => ({ t: 'df', plan });

export function groupedMethod(st: ReaderState, g: Grouped, name: string, a: Args): PyValue {
	const at = a.at;
	const aggregate = (aggs: readonly Expr[]): PyValue =>
		df({
			op: 'Aggregate',
			child: g.plan,
			groupBy: g.groupBy,
			aggregates: [...g.groupBy, ...aggs],
			at
		});
	const fnCol = (fn: 'sum' | 'avg' | 'min' | 'max', x: Arg): Expr => ({
		kind: 'agg',
		fn,
		args: [columnOrName(x, name)],
		distinct: false,
		at
	});
	switch (name) {
		case 'agg': {
			const d = a.pos[0];
			if (a.pos.length === 1 && d?.v.t === 'dict') {
				const aggs = d.v.entries.map(([k, v]): Expr => {
					if (k.t !== 'str' || v.t !== 'str')
						return fail(d.at, 'agg expects a dict of {column: function name}');
					const fnName = v.v.toLowerCase() === 'mean' ? 'avg' : v.v.toLowerCase();
					const input: Expr =
						fnName === 'count' && k.v === '*' ? { kind: 'star', at: d.at } : nameToExpr(k.v, d.at);
					const known = [
						'count',
						'sum',
						'avg',
						'min',
						'max',
						'first',
						'last',
						'collect_list',
						'collect_set',
						'stddev',
						'variance',
						'median',
						'approx_count_distinct'
					] as const;
					const fn =
						known.find((f) => f === fnName) ??
						fail(d.at, `agg function '${v.v}' is not supported by the playground engine`);
					return { kind: 'agg', fn, args: [input], distinct: false, at: d.at };
				});
				return aggregate(aggs);
			}
			const aggs = flatArgs(a).map((x) =>
				x.v.t === 'column' ? x.v.expr : fail(x.at, `agg expects Columns, got ${describe(x.v)}`)
			);
			if (aggs.length === 0) return fail(at, 'agg() needs at least one aggregate expression');
			return aggregate(aggs);
		}
		case 'count':
			noMore(a, 0);
			return aggregate([
				{
					kind: 'alias',
					expr: { kind: 'agg', fn: 'count', args: [{ kind: 'star', at }], distinct: false, at },
					name: 'count',
					at
				}
			]);
		case 'sum':
		case 'avg':
		case 'mean':
		case 'min':
		case 'max': {
			const fn = name === 'mean' ? 'avg' : name;
			let cols = flatArgs(a);
			if (cols.length === 0) {
				const schema = st.resolver.resolve(g.plan).schema;
				const numeric = schema.filter((f) => ['int', 'long', 'double'].includes(f.type.kind));
				cols = numeric.map((f) => ({ v: { t: 'str', v: f.name }, at }));
			}
			return aggregate(cols.map((x) => fnCol(fn, x)));
		}
		case 'applyInPandasWithState':
		case 'transformWithStateInPandas':
		case 'transformWithState':
			return (
				pythonStateSupport()?.readCall(st, g, name, a) ??
				fail(at, `\`GroupedData.${name}\` is not available here: ${NOT_LOADED}`)
			);
		case 'pivot':
		case 'applyInPandas':
		case 'flatMapGroupsWithState':
			return fail(
				at,
				`\`GroupedData.${name}\` is not supported by the playground engine`,
				'Supported after groupBy: agg, count, sum, avg, mean, min, max.'
			);
	}
	return fail(
		at,
		`\`GroupedData.${name}\` is not supported by the playground engine`,
		'Supported after groupBy: agg, count, sum, avg, mean, min, max.'
	);
}
