/**
 * DStream window operations as PySpark writes them (pyspark/streaming/dstream.py; SPARK-SEMANTICS
 * R8.3): window, reduceByKeyAndWindow (with or without invFunc and filterFunc), reduceByWindow,
 * countByWindow (map(1) + reduceByWindow(add, sub)), countByValueAndWindow (filter counts > 0)
 * and groupByKeyAndWindow (lists extended by `a.extend(b) or a`, trimmed by `a[len(b):]`).
 */
import { OPERATOR_MODULE, raise } from '../python/builtins';
import { PyBuiltin, PyIterable, PyTuple, truthy } from '../python/values';
import type { BuiltinImpl, PyValue } from '../python/values';
import { bindArgs, durationMs, fnArg, intArg, type Bound } from './args';
import type { DNode } from './graph';
import { DStreamHost } from './host-dstream';
import { reducedWindowed, rddOps, transformed, windowed } from './ops';
import * as R from './rdd';
import { pushAll } from '../core/arrays';

const opAdd = OPERATOR_MODULE.attrs.get('add') ?? null;
const opSub = OPERATOR_MODULE.attrs.get('sub') ?? null;
const lambda = (name: string, f: (a: readonly PyValue[]) => PyValue) => new PyBuiltin(name, f);

export function validateWindow(h: DStreamHost, w: number, s: number | undefined): void {
	const d = h.node.slideMs;
	if (w % d !== 0)
		throw raise(
			'ValueError',
			`windowDuration must be multiple of the parent dstream's slide (batch) duration (${d} ms)`
		);
	if (s && s % d !== 0)
		throw raise(
			'ValueError',
			`slideDuration must be multiple of the parent dstream's slide (batch) duration (${d} ms)`
		);
}

/** reduceByKeyAndWindow as PySpark writes it, also the base of the other window operations. */
export function reduceByKeyAndWindow(
	h: DStreamHost,
	func: PyValue,
	invFunc: PyValue,
	w: number,
	s: number | undefined,
	numPartitions: number | undefined,
	filterFunc: PyValue,
	op: string
): DNode {
	const span = h.env.currentSpan();
	validateWindow(h, w, s);
	const n = numPartitions ?? h.ctx.defaultParallelism;
	const reduced = transformed(
		h.ctx,
		h.node,
		'reduceByKey',
		span,
		(r, _t, ex) => rddOps.reduceByKey(r, func, n, ex, span),
		true
	);
	if (invFunc !== null && truthy(invFunc)) {
		return reducedWindowed(
			h.ctx,
			reduced,
			func,
			invFunc,
			filterFunc,
			w,
			s ?? h.node.slideMs,
			n,
			span,
			op
		);
	}
	const win = windowed(h.ctx, reduced, w, s ?? h.node.slideMs, span, 'window', true);
	return transformed(h.ctx, win, op, span, (r, _t, ex) => rddOps.reduceByKey(r, func, n, ex, span));
}

/** The window methods of a DStream, or undefined for any other name. */
export function windowMethod(h: DStreamHost, name: string): BuiltinImpl | undefined {
	const ctx = h.ctx;
	const node = h.node;
	const span = () => h.env.currentSpan();
	// countByValueAndWindow and groupByKeyAndWindow: PySpark re-keys the stream, then runs
	// reduceByKeyAndWindow with an inverse function over (windowDuration, slideDuration, numPartitions).
	const overWindow = (b: Bound, keyed: DNode, func: PyValue, invFunc: PyValue) =>
		reduceByKeyAndWindow(
			new DStreamHost(keyed, h.env),
			func,
			invFunc,
			durationMs(b.windowDuration, 'windowDuration'),
			durationMs(b.slideDuration, 'slideDuration'),
			b.numPartitions == null ? undefined : intArg(b.numPartitions, 1),
			null,
			name
		);
	switch (name) {
		case 'window':
			return (a, kw) => {
				const b = bindArgs(name, ['windowDuration', 'slideDuration'], 1, a, kw);
				const w = durationMs(b.windowDuration, 'windowDuration');
				const s =
					b.slideDuration == null ? undefined : durationMs(b.slideDuration, 'slideDuration');
				validateWindow(h, w, s);
				return h.wrap(windowed(ctx, node, w, s ?? node.slideMs, span()));
			};
		case 'reduceByKeyAndWindow':
			return (a, kw) => {
				const b = bindArgs(
					name,
					['func', 'invFunc', 'windowDuration', 'slideDuration', 'numPartitions', 'filterFunc'],
					3,
					a,
					kw
				);
				const s =
					b.slideDuration == null ? undefined : durationMs(b.slideDuration, 'slideDuration');
				const n = b.numPartitions == null ? undefined : intArg(b.numPartitions, 1);
				return h.wrap(
					reduceByKeyAndWindow(
						h,
						fnArg(b.func, 'func'),
						b.invFunc ?? null,
						durationMs(b.windowDuration, 'windowDuration'),
						s,
						n,
						b.filterFunc ?? null,
						name
					)
				);
			};
		case 'reduceByWindow':
			return (a, kw) => {
				const b = bindArgs(
					name,
					['reduceFunc', 'invReduceFunc', 'windowDuration', 'slideDuration'],
					4,
					a,
					kw
				);
				const at = span();
				const keyedNode = transformed(
					ctx,
					node,
					'map',
					at,
					(r) => R.mapPartitions(r, (p) => p.map((x) => new PyTuple([1, x]))),
					true
				);
				const red = reduceByKeyAndWindow(
					new DStreamHost(keyedNode, h.env),
					fnArg(b.reduceFunc, 'reduceFunc'),
					b.invReduceFunc ?? null,
					durationMs(b.windowDuration, 'windowDuration'),
					durationMs(b.slideDuration, 'slideDuration'),
					1,
					null,
					name
				);
				return h.wrap(
					transformed(
						ctx,
						red,
						'map',
						at,
						(r) => R.mapPartitions(r, (p) => p.map((kv) => R.pair(kv)[1])),
						true
					)
				);
			};
		case 'countByWindow':
			return (a, kw) => {
				const b = bindArgs(name, ['windowDuration', 'slideDuration'], 2, a, kw);
				const ones = transformed(
					ctx,
					node,
					'map',
					span(),
					(r) => R.mapPartitions(r, (p) => p.map(() => 1)),
					true
				);
				const rbw = new DStreamHost(ones, h.env).method('reduceByWindow');
				return (
					rbw?.(
						[opAdd, opSub, b.windowDuration ?? null, b.slideDuration ?? null],
						new Map(),
						() => null
					) ?? null
				);
			};
		case 'countByValueAndWindow':
			return (a, kw) => {
				const b = bindArgs(name, ['windowDuration', 'slideDuration', 'numPartitions'], 2, a, kw);
				const at = span();
				const ones = transformed(
					ctx,
					node,
					'map',
					at,
					(r) => R.mapPartitions(r, (p) => p.map((x) => new PyTuple([x, 1]))),
					true
				);
				const counted = overWindow(b, ones, opAdd, opSub);
				return h.wrap(
					transformed(
						ctx,
						counted,
						'filter',
						at,
						(r) => R.mapPartitions(r, (p) => p.filter((kv) => Number(R.pair(kv)[1]) > 0)),
						true
					)
				);
			};
		case 'groupByKeyAndWindow':
			return (a, kw) => {
				const b = bindArgs(name, ['windowDuration', 'slideDuration', 'numPartitions'], 2, a, kw);
				const at = span();
				const lists = transformed(
					ctx,
					node,
					'mapValues',
					at,
					(r) =>
						R.mapPartitions(r, (p) =>
							p.map((kv) => {
								const [k, v] = R.pair(kv);
								return new PyTuple([k, [v]]);
							})
						),
					true
				);
				const extend = lambda('<lambda>', ([x = null, y = null]) => {
					pushAll(x as PyValue[], y as PyValue[]);
					return x;
				});
				const drop = lambda('<lambda>', ([x = null, y = null]) =>
					(x as PyValue[]).slice((y as PyValue[]).length)
				);
				const grouped = overWindow(b, lists, extend, drop);
				return h.wrap(
					transformed(
						ctx,
						grouped,
						'mapValues',
						at,
						(r) =>
							R.mapPartitions(r, (p) =>
								p.map((kv) => {
									const [k, v] = R.pair(kv);
									return new PyTuple([k, new PyIterable(v as PyValue[], 'ResultIterable')]);
								})
							),
						true
					)
				);
			};
	}
	return undefined;
}
