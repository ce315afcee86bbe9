/**
 * DataFrame and GroupedData methods, lowered to the logical plan as Dataset.scala lowers them:
 * withColumn / withColumnRenamed / toDF / drop become a Project over the child's columns,
 * a generator (`explode`) in a projection becomes Generate (Catalyst's ExtractGenerator), join
 * types are normalised as JoinType.apply does, groupBy(...).agg(...) becomes Aggregate whose
 * output is the grouping columns then the aggregates (RelationalGroupedDataset.toDF).
 */
import type { Expr, Pos } from '../expr/ast';
import type { Plan } from '../plan';
import { arg, columnOrName, flatArgs, need, noMore, strOf, type Args } from './args';
import { newBatchWriter } from './batch-writer';
import { collectRows } from './collect';
import { fail } from './errors';
import { nonNegativeInt, sqlExpr, watermarkDelayMs } from './functions';
import { groupedMethod } from './grouped';
import { join, unionByName } from './joins';
import { named, project, qualifiedColumn, refTo, withColumns } from './projection';
import type { ReaderState } from './state';
import { describe, NONE, type PyValue } from './values';
import { newWriter } from './writer';

export { groupedMethod } from './grouped';

type DF = PyValue & { t: 'df' };

const df = (plan: Plan): DF => ({ t: 'df', plan });

const SUPPORTED =
	'Supported DataFrame methods: select, selectExpr, withColumn, withColumns, withColumnRenamed, ' +
	'toDF, drop, filter, where, withWatermark, groupBy, agg, dropDuplicates, ' +
	'dropDuplicatesWithinWatermark, distinct, join, crossJoin, union, unionAll, unionByName, alias, ' +
	'orderBy, sort, limit, writeStream.';

export function dataFrameAttr(st: ReaderState, d: DF, name: string, at: Pos): PyValue {
	switch (name) {
		case 'writeStream':
			return newWriter(d.plan, at);
		case 'columns':
			return {
				t: 'list',
				items: st.resolver.resolve(d.plan).schema.map((f) => ({ t: 'str', v: f.name }))
			};
		case 'isStreaming':
			return { t: 'bool', v: st.resolver.resolve(d.plan).streaming };
		case 'schema':
			return { t: 'dtype', type: { kind: 'struct', fields: st.resolver.resolve(d.plan).schema } };
		case 'write':
			if (!st.resolver.resolve(d.plan).streaming) return newBatchWriter(d.plan, st.batchWrites);
			return fail(
				at,
				'`DataFrame.write` is a batch writer; a streaming DataFrame is written with writeStream'
			);
	}
	// PySpark's DataFrame.__getattr__: a column if one has that name, else AttributeError.
	const schema = st.resolver.resolve(d.plan).schema;
	if (!schema.some((f) => f.name.toLowerCase() === name.toLowerCase()))
		return fail(at, `'DataFrame' object has no attribute '${name}'`, SUPPORTED);
	return { t: 'column', expr: qualifiedColumn(st, d, name, at) };
}

/** A reference to field i of a schema, qualified only when its name alone is ambiguous. */
function orderBy(d: DF, a: Args): DF {
	const cols = flatArgs(a);
	const asc = a.kw.get('ascending');
	const ascList = asc?.v.t === 'list' ? asc.v.items : null;
	const orders = cols.map((x, i) => {
		let e = columnOrName(x, a.name);
		let ascending = true;
		if (e.kind === 'call' && e.fn.startsWith('__sort_')) {
			ascending = e.fn === '__sort_asc';
			e = e.args[0] ?? e;
		}
		if (asc && !ascList)
			ascending = asc.v.t === 'bool' ? asc.v.v : asc.v.t === 'num' ? asc.v.v !== 0 : ascending;
		const item = ascList?.[i];
		if (item) ascending = item.t === 'bool' ? item.v : item.t === 'num' ? item.v !== 0 : ascending;
		return { expr: e, ascending };
	});
	if (orders.length === 0) return fail(a.at, `${a.name}() needs at least one column`);
	return df({ op: 'Sort', child: d.plan, orders, at: a.at });
}

function dedupKeys(a: Args): string[] {
	const x = arg(a, 0, 'subset');
	if (!x || x.v.t === 'none') return [];
	const items = x.v.t === 'list' ? x.v.items : a.pos.map((p) => p.v);
	return items.map((v) =>
		v.t === 'str' ? v.v : fail(x.at, `dropDuplicates expects column names, got ${describe(v)}`)
	);
}

export function dataFrameMethod(st: ReaderState, d: DF, name: string, a: Args): PyValue {
	const at = a.at;
	switch (name) {
		case 'select':
			return df(
				project(
					st,
					d.plan,
					flatArgs(a).map((x) => named(columnOrName(x, 'select'))),
					at
				)
			);
		case 'selectExpr':
			return df(
				project(
					st,
					d.plan,
					flatArgs(a).map((x) => sqlExpr(x, 'selectExpr')),
					at
				)
			);
		case 'withColumn': {
			noMore(a, 2, ['colName', 'col']);
			const c = need(a, 1, 'col');
			if (c.v.t !== 'column')
				return fail(c.at, `withColumn: col should be a Column, got ${describe(c.v)}`);
			return df(withColumns(st, d.plan, [[strOf(need(a, 0, 'colName'), 'colName'), c.v.expr]], at));
		}
		case 'withColumns': {
			const m = need(a, 0, 'colsMap');
			if (m.v.t !== 'dict') return fail(m.at, 'withColumns expects a dict of {name: Column}');
			const pairs = m.v.entries.map(([k, v]) =>
				k.t === 'str' && v.t === 'column'
					? ([k.v, v.expr] as const)
					: fail(m.at, 'withColumns expects a dict of {name: Column}')
			);
			return df(withColumns(st, d.plan, pairs, at));
		}
		case 'withColumnRenamed': {
			noMore(a, 2, ['existing', 'new']);
			const from = strOf(need(a, 0, 'existing'), 'existing').toLowerCase();
			const to = strOf(need(a, 1, 'new'), 'new');
			const schema = st.resolver.resolve(d.plan).schema;
			if (!schema.some((f) => f.name.toLowerCase() === from)) return d;
			const exprs: Expr[] = schema.map((f, i) =>
				f.name.toLowerCase() === from
					? { kind: 'alias', expr: refTo(schema, i, at), name: to, at }
					: refTo(schema, i, at)
			);
			return df({ op: 'Project', child: d.plan, exprs, at });
		}
		case 'toDF': {
			const names = flatArgs(a).map((x) => strOf(x, 'toDF column name'));
			const schema = st.resolver.resolve(d.plan).schema;
			if (names.length !== schema.length)
				return fail(
					at,
					`The number of columns doesn't match.\nOld column names (${schema.length}): ${schema.map((f) => f.name).join(', ')}\nNew column names (${names.length}): ${names.join(', ')}`
				);
			const exprs: Expr[] = schema.map((_, i) => ({
				kind: 'alias',
				expr: refTo(schema, i, at),
				name: names[i] ?? '',
				at
			}));
			return df({ op: 'Project', child: d.plan, exprs, at });
		}
		case 'drop': {
			const schema = st.resolver.resolve(d.plan).schema;
			const dropped = new Set<number>();
			for (const x of flatArgs(a)) {
				if (x.v.t === 'str') {
					const lower = x.v.v.toLowerCase();
					schema.forEach((f, i) => f.name.toLowerCase() === lower && dropped.add(i));
				} else if (x.v.t === 'column' && x.v.expr.kind === 'col') {
					const c = x.v.expr;
					schema.forEach((f, i) => {
						if (
							f.name.toLowerCase() === c.name.toLowerCase() &&
							(!c.qualifier || f.qualifiers?.includes(c.qualifier))
						)
							dropped.add(i);
					});
				} else return fail(x.at, 'drop expects column names or column references');
			}
			const exprs = schema.flatMap((_, i) => (dropped.has(i) ? [] : [refTo(schema, i, at)]));
			return df({ op: 'Project', child: d.plan, exprs, at });
		}
		case 'filter':
		case 'where': {
			noMore(a, 1, ['condition']);
			const c = need(a, 0, 'condition');
			const condition =
				c.v.t === 'str'
					? sqlExpr(c, name)
					: c.v.t === 'column'
						? c.v.expr
						: fail(c.at, `${name} expects a Column or a SQL string, got ${describe(c.v)}`);
			return df({ op: 'Filter', child: d.plan, condition, at });
		}
		case 'withWatermark': {
			noMore(a, 2, ['eventTime', 'delayThreshold']);
			const column = strOf(need(a, 0, 'eventTime'), 'eventTime');
			const delayMs = watermarkDelayMs(need(a, 1, 'delayThreshold'));
			return df({ op: 'EventTimeWatermark', child: d.plan, column, delayMs, at });
		}
		case 'groupBy':
		case 'groupby':
		case 'groupByKey':
			if (name === 'groupByKey') break;
			return {
				t: 'grouped',
				plan: d.plan,
				groupBy: flatArgs(a).map((x) => columnOrName(x, 'groupBy')),
				at
			};
		case 'agg':
			return groupedMethod(st, { t: 'grouped', plan: d.plan, groupBy: [], at }, 'agg', a);
		case 'dropDuplicates':
		case 'drop_duplicates':
		case 'dropDuplicatesWithinWatermark':
		case 'drop_duplicates_within_watermark':
			return df({
				op: 'Deduplicate',
				child: d.plan,
				keys: dedupKeys(a),
				withinWatermark: name.toLowerCase().includes('within'),
				at
			});
		case 'distinct':
			noMore(a, 0);
			return df({ op: 'Deduplicate', child: d.plan, keys: [], withinWatermark: false, at });
		case 'join':
			return join(d, a);
		case 'crossJoin': {
			const other = need(a, 0, 'other');
			if (other.v.t !== 'df') return fail(other.at, 'crossJoin expects a DataFrame');
			return df({
				op: 'Join',
				left: d.plan,
				right: other.v.plan,
				joinType: 'cross',
				using: [],
				condition: null,
				at
			});
		}
		case 'union':
		case 'unionAll': {
			const other = need(a, 0, 'other');
			if (other.v.t !== 'df')
				return fail(other.at, `${name} expects a DataFrame, got ${describe(other.v)}`);
			return df({ op: 'Union', children: [d.plan, other.v.plan], at });
		}
		case 'unionByName':
			return unionByName(st, d, a);
		case 'alias':
		case 'as':
			return df({
				op: 'SubqueryAlias',
				child: d.plan,
				alias: strOf(need(a, 0, 'alias'), 'alias'),
				at
			});
		case 'orderBy':
		case 'sort':
			return orderBy(d, a);
		case 'limit':
			return df({ op: 'Limit', child: d.plan, n: nonNegativeInt(need(a, 0, 'num'), 'limit'), at });
		case 'repartition':
		case 'coalesce':
		case 'cache':
		case 'persist':
		case 'hint':
		case 'unpersist':
		case 'observe':
			// observe(name, *exprs) leaves the rows unchanged; its metrics go to the progress's
			// observedMetrics, which the playground's progress leaves out.
			return d;
		case 'printSchema':
		case 'explain':
			return NONE;
		case 'collect':
		case 'count':
			if (st.resolver.resolve(d.plan).streaming)
				return fail(at, 'Queries with streaming sources must be executed with writeStream.start()');
			return name === 'collect'
				? { t: 'py', value: collectRows(d.plan, st.conf, at), type: 'list' }
				: { t: 'num', v: collectRows(d.plan, st.conf, at).length, int: true };
		case 'show':
		case 'take':
		case 'head':
		case 'first':
		case 'toPandas':
		case 'foreach':
			if (st.resolver.resolve(d.plan).streaming)
				return fail(at, 'Queries with streaming sources must be executed with writeStream.start()');
			return NONE;
	}
	return fail(at, `\`DataFrame.${name}\` is not supported by the playground engine.`, SUPPORTED);
}
