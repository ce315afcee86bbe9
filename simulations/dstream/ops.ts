/**
 * DStream operations, built the way PySpark's dstream.py builds them (SPARK-SEMANTICS R8.3, R8.4):
 * element operations are per-batch RDD transforms; count() is mapPartitions(len).reduce(add);
 * countByWindow is map(1).reduceByWindow(add, sub); countByValueAndWindow filters counts > 0;
 * groupByKeyAndWindow reduces lists with `a.extend(b) or a` and inverts with `a[len(b):]`;
 * reduceByKeyAndWindow without an inverse is reduceByKey(window(...)), with one it is a
 * PythonReducedWindowedDStream; updateStateByKey is a PythonStateDStream over cogroup.
 */
import { items, raise } from '../python/builtins';
import { PyException } from '../python/errors';
import type { Span } from '../python/errors';
import { PyIterable, PyTuple, truthy } from '../python/values';
import type { PyValue } from '../python/values';
import type { Caller, DNode, Exec, Graph } from './graph';
import * as R from './rdd';
import type { Rdd } from './rdd';

export interface OpContext {
	readonly graph: Graph;
	/** spark.default.parallelism: reduce partitions when numPartitions is not given. */
	readonly defaultParallelism: number;
}

type RddFn = (rdd: Rdd, time: number, ex: Exec) => Rdd;

export function transformed(
	ctx: OpContext,
	parent: DNode,
	op: string,
	span: Span,
	fn: RddFn,
	internal = false
): DNode {
	return ctx.graph.add({
		op,
		sparkClass: 'PythonTransformedDStream',
		span,
		parents: [parent],
		slideMs: parent.slideMs,
		internal,
		compute: (t, ex) => {
			const rdd = ex.getOrCompute(parent, t);
			return rdd && fn(rdd, t, ex);
		}
	});
}

export function transformed2(
	ctx: OpContext,
	a: DNode,
	b: DNode,
	op: string,
	span: Span,
	fn: (x: Rdd, y: Rdd, t: number, ex: Exec) => Rdd
): DNode {
	if (a.slideMs !== b.slideMs)
		throw raise('ValueError', 'the two DStream should have same slide duration');
	return ctx.graph.add({
		op,
		sparkClass: 'PythonTransformed2DStream',
		span,
		parents: [a, b],
		slideMs: a.slideMs,
		compute: (t, ex) =>
			fn(ex.getOrCompute(a, t) ?? R.emptyRdd, ex.getOrCompute(b, t) ?? R.emptyRdd, t, ex)
	});
}

const fn1 = (ex: Caller, f: PyValue, at: Span) => (x: PyValue) => ex.call(f, [x], at);
const fn2 = (ex: Caller, f: PyValue, at: Span) => (a: PyValue, b: PyValue) =>
	ex.call(f, [a, b], at);
const perElement = (r: Rdd, g: (x: PyValue) => readonly PyValue[]) =>
	R.mapPartitions(r, (p) => p.flatMap(g));

/** The element operations a DStream and an RDD both take as `op(f, preservesPartitioning)`. */
export const ELEMENT_OPS = [
	'map',
	'flatMap',
	'filter',
	'mapValues',
	'flatMapValues',
	'mapPartitions',
	'mapPartitionsWithIndex'
] as const;
export type ElementOp = (typeof ELEMENT_OPS)[number];
export const isElementOp = (name: string): name is ElementOp =>
	(ELEMENT_OPS as readonly string[]).includes(name);

/** RDD-level element operations shared by DStream methods and RDD methods inside transform(). */
export const rddOps = {
	map: (r: Rdd, f: PyValue, ex: Caller, at: Span) => {
		const g = fn1(ex, f, at);
		return R.mapPartitions(r, (p) => p.map((x) => g(x)));
	},
	flatMap: (r: Rdd, f: PyValue, ex: Caller, at: Span) =>
		perElement(r, (x) => items(fn1(ex, f, at)(x))),
	filter: (r: Rdd, f: PyValue, ex: Caller, at: Span) => {
		const g = fn1(ex, f, at);
		return R.mapPartitions(r, (p) => p.filter((x) => truthy(g(x))));
	},
	mapValues: (r: Rdd, f: PyValue, ex: Caller, at: Span) => {
		const g = fn1(ex, f, at);
		return R.mapPartitions(r, (p) =>
			p.map((x) => {
				const [k, v] = R.pair(x);
				return new PyTuple([k, g(v)]);
			})
		);
	},
	flatMapValues: (r: Rdd, f: PyValue, ex: Caller, at: Span) =>
		perElement(r, (x) => {
			const [k, v] = R.pair(x);
			return items(fn1(ex, f, at)(v)).map((y) => new PyTuple([k, y]));
		}),
	mapPartitions: (r: Rdd, f: PyValue, ex: Caller, at: Span) =>
		R.mapPartitions(r, (p) => items(ex.call(f, [new PyIterable(p, 'generator')], at))),
	mapPartitionsWithIndex: (r: Rdd, f: PyValue, ex: Caller, at: Span) =>
		R.mapPartitions(r, (p, i) => items(ex.call(f, [i, new PyIterable(p, 'generator')], at))),
	reduceByKey: (r: Rdd, f: PyValue, n: number, ex: Caller, at: Span) =>
		R.reduceByKey(r, fn2(ex, f, at), n),
	/** DStream.reduce: map to (None, x), reduceByKey(f, 1), take the values. */
	reduce: (r: Rdd, f: PyValue, ex: Caller, at: Span) =>
		R.mapPartitions(
			R.reduceByKey(
				perElement(r, (x) => [new PyTuple([null, x])]),
				fn2(ex, f, at),
				1
			),
			(p) => p.map((kv) => R.pair(kv)[1])
		),
	/** DStream.count: one count per partition, then reduce(add): no partitions, no element. */
	count: (r: Rdd) => (r.partitions.length === 0 ? R.rddOf([[]]) : R.rddOf([[R.countOf(r)]])),
	countByValue: (r: Rdd, n: number) =>
		R.reduceByKey(
			perElement(r, (x) => [new PyTuple([x, 1])]),
			(a, b) => (a as number) + (b as number),
			n
		)
};

export function windowed(
	ctx: OpContext,
	parent: DNode,
	windowMs: number,
	slideMs: number,
	span: Span,
	op = 'window',
	internal = false
): DNode {
	if (windowMs % parent.slideMs !== 0) {
		throw raise(
			'Exception',
			`The window duration of windowed DStream (${windowMs} ms) must be a multiple of the slide duration of parent DStream (${parent.slideMs} ms)`
		);
	}
	if (slideMs % parent.slideMs !== 0) {
		throw raise(
			'Exception',
			`The slide duration of windowed DStream (${slideMs} ms) must be a multiple of the slide duration of parent DStream (${parent.slideMs} ms)`
		);
	}
	return ctx.graph.add({
		op,
		sparkClass: 'WindowedDStream',
		span,
		parents: [parent],
		slideMs,
		windowMs,
		internal,
		compute: (t, ex) => R.union(ex.slice(parent, t - windowMs + parent.slideMs, t))
	});
}

/** PythonReducedWindowedDStream.compute: incremental only when the window spans >= 5 slides. */
export function reducedWindowed(
	ctx: OpContext,
	reduced: DNode,
	func: PyValue,
	invFunc: PyValue,
	filterFunc: PyValue,
	windowMs: number,
	slideMs: number,
	numPartitions: number,
	span: Span,
	op: string
): DNode {
	const reduceFunc = (a: Rdd | null, b: Rdd, ex: Exec): Rdd => {
		const bb = rddOps.reduceByKey(b, func, numPartitions, ex, span);
		let r = a ? rddOps.reduceByKey(R.union([a, bb]), func, numPartitions, ex, span) : bb;
		if (filterFunc !== null) r = rddOps.filter(r, filterFunc, ex, span);
		return r;
	};
	const invReduceFunc = (a: Rdd, b: Rdd, ex: Exec): Rdd => {
		const bb = rddOps.reduceByKey(b, func, numPartitions, ex, span);
		return R.mapPartitions(R.join(a, bb, 'left', numPartitions), (p) =>
			p.map((kv) => {
				const [k, vs] = R.pair(kv);
				const [v, o] = R.pair(vs);
				return new PyTuple([k, o !== null ? ex.call(invFunc, [v, o], span) : v]);
			})
		);
	};
	const node: DNode = ctx.graph.add({
		op,
		sparkClass: 'PythonReducedWindowedDStream',
		span,
		parents: [reduced],
		slideMs,
		windowMs,
		mustCheckpoint: true,
		compute: (t, ex) => {
			// Spark checks only that the slide is a multiple of the batch; a negative one makes
			// compute(t) ask for its "previous" window at t + |slide|, which asks for the next,
			// until the JVM's stack runs out. Said at the call, in Spark's own words.
			if (slideMs < 0)
				throw new PyException(
					'java.lang.StackOverflowError',
					`slideDuration is ${slideMs} ms, negative: PythonReducedWindowedDStream computes its previous window at ${t - slideMs} ms, a later batch, which computes the next, without end (Spark does not check for a negative slide). Use a positive slideDuration.`,
					span
				);
			const previous = ex.getOrCompute(node, t - slideMs);
			if (invFunc !== null && previous && windowMs >= slideMs * 5) {
				const oldRdds = ex.slice(reduced, t - slideMs - windowMs + reduced.slideMs, t - windowMs);
				const subtracted = oldRdds.length
					? invReduceFunc(previous, R.union(oldRdds), ex)
					: previous;
				const newRdds = ex.slice(reduced, t - slideMs + reduced.slideMs, t);
				return newRdds.length ? reduceFunc(subtracted, R.union(newRdds), ex) : subtracted;
			}
			const current = ex.slice(reduced, t - windowMs + reduced.slideMs, t);
			return current.length ? reduceFunc(null, R.union(current), ex) : undefined;
		}
	});
	return node;
}

/** PythonStateDStream: state(t) = f(state(t - slide) or initialRDD, batch(t)); None drops a key. */
export function stateStream(
	ctx: OpContext,
	parent: DNode,
	updateFunc: PyValue,
	initial: Rdd | null,
	numPartitions: number,
	span: Span
): DNode {
	const node: DNode = ctx.graph.add({
		op: 'updateStateByKey',
		sparkClass: 'PythonStateDStream',
		span,
		parents: [parent],
		slideMs: parent.slideMs,
		mustCheckpoint: true,
		compute: (t, ex) => {
			const last = ex.getOrCompute(node, t - parent.slideMs) ?? initial ?? undefined;
			const rdd = ex.getOrCompute(parent, t);
			if (!rdd) return last;
			const grouped: Rdd = last
				? R.mapPartitions(R.cogroup(last, rdd, numPartitions), (p) =>
						p.map((kv) => {
							const [k, ab] = R.pair(kv);
							const [s, vs] = R.pair(ab).map((x) => items(x));
							return new PyTuple([
								k,
								new PyTuple([[...(vs ?? [])], s && s.length ? (s[0] ?? null) : null])
							]);
						})
					)
				: R.mapPartitions(R.groupByKey(rdd, numPartitions), (p) =>
						p.map((kv) => {
							const [k, vs] = R.pair(kv);
							return new PyTuple([k, new PyTuple([[...items(vs)], null])]);
						})
					);
			return R.mapPartitions(grouped, (p) =>
				p.flatMap((kv) => {
					const [k, vss] = R.pair(kv);
					const [vs, s] = R.pair(vss);
					const next = ex.call(updateFunc, [vs, s], span);
					return next === null ? [] : [new PyTuple([k, next])];
				})
			);
		}
	});
	return node;
}
