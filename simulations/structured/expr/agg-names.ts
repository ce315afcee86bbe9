/**
 * Aggregate function names Spark SQL's FunctionRegistry knows, mapped to the engine's
 * AggregateFn. Spark keeps the alias a program used in the column name (Average's prettyName is
 * its FUNC_ALIAS tag: `mean(x)` stays `mean(x)`), so the alias travels as `sqlName`.
 */
import type { AggregateFn } from './ast';

const BY_NAME: Readonly<Record<string, AggregateFn>> = {
	count: 'count',
	sum: 'sum',
	avg: 'avg',
	mean: 'avg',
	min: 'min',
	max: 'max',
	first: 'first',
	first_value: 'first',
	last: 'last',
	last_value: 'last',
	collect_list: 'collect_list',
	array_agg: 'collect_list',
	collect_set: 'collect_set',
	approx_count_distinct: 'approx_count_distinct',
	count_distinct: 'count_distinct',
	stddev: 'stddev',
	std: 'stddev',
	stddev_samp: 'stddev',
	stddev_pop: 'stddev_pop',
	variance: 'variance',
	var_samp: 'variance',
	var_pop: 'var_pop',
	median: 'median'
};

/** The aggregate a (lower-case) function name denotes, with the alias when it differs from
 *  the engine's own name. */
export function aggregateByName(
	name: string
): { readonly fn: AggregateFn; readonly sqlName?: string } | null {
	const fn = BY_NAME[name];
	if (fn === undefined) return null;
	return fn === name ? { fn } : { fn, sqlName: name };
}
