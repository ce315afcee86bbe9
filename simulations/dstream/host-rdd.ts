/**
 * The RDD API that DStream programs reach inside transform() and foreachRDD(), and through
 * SparkContext.parallelize (pyspark/rdd.py). Transformations return new RDDs, actions (count,
 * collect, take, first, reduce, isEmpty, countByValue, foreach) compute at once. Enough of the
 * API for the corpus: cartesian, joins, union, sortByKey, sortBy, distinct, keys, values...
 */
import { binaryOp } from '../python/arith';
import { items, raise, sortValues } from '../python/builtins';
import type { Span } from '../python/errors';
import { PyBuiltin, PyDict, PyHost, pyKey, truthy } from '../python/values';
import type { BuiltinImpl, PyValue } from '../python/values';
import { bindArgs, fnArg, intArg } from './args';
import type { Caller } from './graph';
import { isElementOp, rddOps, type ElementOp } from './ops';
import * as R from './rdd';
import type { Rdd } from './rdd';

export interface RddEnv extends Caller {
	readonly defaultParallelism: number;
	readonly sparkContext: PyHost;
	/** Records an action's side output (foreach, saveAsTextFile) for the trace. */
	readonly span: Span;
}

export class RddHost extends PyHost {
	readonly typeName = 'RDD';
	constructor(
		readonly rdd: Rdd,
		private readonly env: RddEnv
	) {
		super();
	}

	private wrap(r: Rdd): RddHost {
		return new RddHost(r, this.env);
	}

	private other(v: PyValue | undefined, method: string): Rdd {
		if (!(v instanceof RddHost)) throw raise('TypeError', `${method}() expects an RDD`);
		return v.rdd;
	}

	getAttr(name: string): PyValue | undefined {
		if (name === 'context') return this.env.sparkContext;
		const m = this.method(name);
		return m && new PyBuiltin(name, m);
	}

	private method(name: string): BuiltinImpl | undefined {
		const { env, rdd } = this;
		const at = env.span;
		const n = (v: PyValue | undefined) => intArg(v, env.defaultParallelism);
		const elementOp =
			(op: ElementOp): BuiltinImpl =>
			(a, kw) => {
				const b = bindArgs(name, ['f', 'preservesPartitioning'], 1, a, kw);
				return this.wrap(rddOps[op](rdd, fnArg(b.f, 'f'), env, at));
			};
		if (isElementOp(name)) return elementOp(name);
		switch (name) {
			case 'reduceByKey':
				return (a, kw) => {
					const b = bindArgs(name, ['func', 'numPartitions', 'partitionFunc'], 1, a, kw);
					return this.wrap(
						rddOps.reduceByKey(rdd, fnArg(b.func, 'func'), n(b.numPartitions), env, at)
					);
				};
			case 'groupByKey':
				return (a, kw) =>
					this.wrap(
						R.groupByKey(
							rdd,
							n(bindArgs(name, ['numPartitions', 'partitionFunc'], 0, a, kw).numPartitions)
						)
					);
			case 'union':
				return (a) => this.wrap(R.union([rdd, this.other(a[0], name)]));
			case 'cartesian':
				return (a) => this.wrap(R.cartesian(rdd, this.other(a[0], name)));
			case 'join':
			case 'leftOuterJoin':
			case 'rightOuterJoin':
			case 'fullOuterJoin': {
				const kind = (
					{
						join: 'inner',
						leftOuterJoin: 'left',
						rightOuterJoin: 'right',
						fullOuterJoin: 'full'
					} as const
				)[name];
				return (a, kw) => {
					const b = bindArgs(name, ['other', 'numPartitions'], 1, a, kw);
					return this.wrap(R.join(rdd, this.other(b.other, name), kind, n(b.numPartitions)));
				};
			}
			case 'cogroup':
				return (a, kw) => {
					const b = bindArgs(name, ['other', 'numPartitions'], 1, a, kw);
					return this.wrap(R.cogroup(rdd, this.other(b.other, name), n(b.numPartitions)));
				};
			case 'keys':
				return () => this.wrap(R.mapPartitions(rdd, (p) => p.map((x) => R.pair(x)[0])));
			case 'values':
				return () => this.wrap(R.mapPartitions(rdd, (p) => p.map((x) => R.pair(x)[1])));
			case 'distinct':
				return () => {
					const seen = new Map<string, PyValue>();
					for (const x of R.elements(rdd)) seen.set(pyKey(x, raise), x);
					return this.wrap(R.rddOf([[...seen.values()]]));
				};
			case 'sortByKey':
				return (a, kw, call) => {
					const b = bindArgs(name, ['ascending', 'numPartitions', 'keyfunc'], 0, a, kw);
					const keyfunc = b.keyfunc ?? null;
					const key = new PyBuiltin('key', (x) => {
						const k = R.pair(x[0] ?? null)[0];
						return keyfunc === null ? k : call(keyfunc, [k]);
					});
					return this.wrap(
						R.rddOf([sortValues(R.elements(rdd), key, !truthy(b.ascending ?? true), call)])
					);
				};
			case 'sortBy':
				return (a, kw, call) => {
					const b = bindArgs(name, ['keyfunc', 'ascending', 'numPartitions'], 1, a, kw);
					return this.wrap(
						R.rddOf([
							sortValues(
								R.elements(rdd),
								fnArg(b.keyfunc, 'keyfunc'),
								!truthy(b.ascending ?? true),
								call
							)
						])
					);
				};
			case 'repartition':
			case 'coalesce':
				return (a) => this.wrap(R.parallelize(R.elements(rdd), intArg(a[0], 1)));
			case 'glom':
				return () => this.wrap(R.mapPartitions(rdd, (p) => [[...p]]));
			case 'cache':
			case 'persist':
				return () => this;
			case 'getNumPartitions':
				return () => rdd.partitions.length;
			case 'count':
				return () => R.countOf(rdd);
			case 'collect':
				return () => R.elements(rdd);
			case 'take':
				return (a) => R.elements(rdd).slice(0, intArg(a[0], 0));
			case 'first':
				return () => {
					const xs = R.elements(rdd);
					if (!xs.length) throw raise('ValueError', 'RDD is empty');
					return xs[0] ?? null;
				};
			case 'isEmpty':
				return () => R.countOf(rdd) === 0;
			case 'reduce':
				return (a) => {
					const xs = R.elements(rdd);
					if (!xs.length) throw raise('ValueError', 'Can not reduce() empty RDD');
					const f = fnArg(a[0], 'f');
					return xs.slice(1).reduce((acc, x) => env.call(f, [acc, x], at), xs[0] ?? null);
				};
			case 'sum':
				return () => R.elements(rdd).reduce((acc: PyValue, x) => binaryOp('+', acc, x, raise), 0);
			case 'countByValue':
				return () => {
					const d = new PyDict();
					for (const x of R.elements(rdd)) {
						const k = pyKey(x, raise);
						d.entries.set(k, [x, ((d.entries.get(k)?.[1] as number | undefined) ?? 0) + 1]);
					}
					return d;
				};
			case 'foreach':
				return (a) => {
					const f = fnArg(a[0], 'f');
					for (const x of R.elements(rdd)) env.call(f, [x], at);
					return null;
				};
			case 'saveAsTextFile':
				return () => null;
			case 'toDebugString':
				return () => `(${rdd.partitions.length}) PythonRDD`;
		}
		return undefined;
	}
}

/** `[(k, v), ...]` or an RDD, as updateStateByKey's initialRDD accepts. */
export function toRdd(v: PyValue, numSlices: number): Rdd {
	if (v instanceof RddHost) return v.rdd;
	return R.parallelize([...items(v)], numSlices);
}
