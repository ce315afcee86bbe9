/**
 * The DStream object Python code holds (pyspark/streaming/dstream.py). Each method validates its
 * arguments as PySpark does (window and slide must be multiples of the parent's slide:
 * `_validate_window_param`'s ValueError) and adds a node to the graph; output operations
 * (foreachRDD, pprint, saveAsTextFiles) register with the context in order.
 */
import { raise } from '../python/builtins';
import type { Span } from '../python/errors';
import { PyBuiltin, PyHost } from '../python/values';
import type { BuiltinImpl, PyValue } from '../python/values';
import { arity, bindArgs, durationMs, fnArg, intArg, str0 } from './args';
import type { DNode } from './graph';
import { RddHost, toRdd } from './host-rdd';
import type { RddEnv } from './host-rdd';
import type { OpContext } from './ops';
import { isElementOp, rddOps, type ElementOp, stateStream, transformed, transformed2 } from './ops';
import { windowMethod } from './host-windows';
import type { ProgramState } from './program';
import * as R from './rdd';

export interface HostEnv {
	readonly state: ProgramState;
	/** The call being evaluated, so nodes remember where the program created them. */
	currentSpan(): Span;
	readonly ssc: () => PyHost;
	readonly sc: PyHost;
	readonly timeValue: (ms: number) => PyValue;
}

export class DStreamHost extends PyHost {
	readonly typeName = 'DStream';
	constructor(
		readonly node: DNode,
		readonly env: HostEnv
	) {
		super();
	}

	get ctx(): OpContext {
		return {
			graph: this.env.state.graph,
			defaultParallelism: this.env.state.defaultParallelism
		};
	}

	wrap(node: DNode): DStreamHost {
		return new DStreamHost(node, this.env);
	}

	private rddEnv(at: Span): RddEnv {
		const { state, sc } = this.env;
		return {
			call: state.call,
			defaultParallelism: state.defaultParallelism,
			sparkContext: sc,
			span: at
		};
	}

	/** StreamingContext.union folds DStream.union over its arguments. */
	unionWith(other: DStreamHost): DStreamHost {
		const span = this.env.currentSpan();
		return this.wrap(
			transformed2(this.ctx, this.node, other.node, 'union', span, (x, y) => R.union([x, y]))
		);
	}

	getAttr(name: string): PyValue | undefined {
		const m = this.method(name);
		return m && new PyBuiltin(name, m);
	}

	method(name: string): BuiltinImpl | undefined {
		const ctx = this.ctx;
		const node = this.node;
		const span = () => this.env.currentSpan();
		const el =
			(op: ElementOp): BuiltinImpl =>
			(a, kw) => {
				const b = bindArgs(name, ['f', 'preservesPartitioning'], 1, a, kw);
				const f = fnArg(b.f, 'f');
				const at = span();
				return this.wrap(transformed(ctx, node, op, at, (r, _t, ex) => rddOps[op](r, f, ex, at)));
			};
		const keyed =
			(kind: 'inner' | 'left' | 'right' | 'full' | 'cogroup' | 'union'): BuiltinImpl =>
			(a, kw) => {
				const b = bindArgs(name, ['other', 'numPartitions'], 1, a, kw);
				if (!(b.other instanceof DStreamHost))
					throw raise('TypeError', `${name}() expects a DStream`);
				const n = intArg(b.numPartitions, ctx.defaultParallelism);
				return this.wrap(
					transformed2(ctx, node, b.other.node, name, span(), (x, y) =>
						kind === 'union'
							? R.union([x, y])
							: kind === 'cogroup'
								? R.cogroup(x, y, n)
								: R.join(x, y, kind, n)
					)
				);
			};
		if (isElementOp(name)) return el(name);
		switch (name) {
			case 'reduce':
				return (a) => {
					const f = fnArg(a[0], 'func');
					const at = span();
					return this.wrap(
						transformed(ctx, node, name, at, (r, _t, ex) => rddOps.reduce(r, f, ex, at))
					);
				};
			case 'count':
				return () => this.wrap(transformed(ctx, node, name, span(), (r) => rddOps.count(r)));
			case 'countByValue':
				return () =>
					this.wrap(
						transformed(ctx, node, name, span(), (r) =>
							rddOps.countByValue(r, ctx.defaultParallelism)
						)
					);
			case 'reduceByKey':
				return (a, kw) => {
					const b = bindArgs(name, ['func', 'numPartitions'], 1, a, kw);
					const f = fnArg(b.func, 'func');
					const at = span();
					const n = intArg(b.numPartitions, ctx.defaultParallelism);
					return this.wrap(
						transformed(ctx, node, name, at, (r, _t, ex) => rddOps.reduceByKey(r, f, n, ex, at))
					);
				};
			case 'groupByKey':
				return (a, kw) => {
					const n = intArg(
						bindArgs(name, ['numPartitions'], 0, a, kw).numPartitions,
						ctx.defaultParallelism
					);
					return this.wrap(transformed(ctx, node, name, span(), (r) => R.groupByKey(r, n)));
				};
			case 'union':
				return keyed('union');
			case 'join':
				return keyed('inner');
			case 'leftOuterJoin':
				return keyed('left');
			case 'rightOuterJoin':
				return keyed('right');
			case 'fullOuterJoin':
				return keyed('full');
			case 'cogroup':
				return keyed('cogroup');
			case 'transform':
				return (a) => {
					const f = fnArg(a[0], 'func');
					const at = span();
					if (arity(f) !== 1 && arity(f) !== 2)
						throw raise('AssertionError', 'func should take one or two arguments');
					return this.wrap(
						transformed(ctx, node, name, at, (r, t, ex) => {
							const rddArg = new RddHost(r, this.rddEnv(at));
							const out = ex.call(
								f,
								arity(f) === 2 ? [this.env.timeValue(t), rddArg] : [rddArg],
								at
							);
							if (!(out instanceof RddHost))
								throw raise(
									'TypeError',
									`transform() function must return an RDD, not ${out === null ? 'None' : 'a value'}`
								);
							return out.rdd;
						})
					);
				};
			case 'updateStateByKey':
				return (a, kw) => {
					const b = bindArgs(name, ['updateFunc', 'numPartitions', 'initialRDD'], 1, a, kw);
					const n = intArg(b.numPartitions, ctx.defaultParallelism);
					const initial = b.initialRDD == null ? null : toRdd(b.initialRDD, ctx.defaultParallelism);
					return this.wrap(
						stateStream(ctx, node, fnArg(b.updateFunc, 'updateFunc'), initial, n, span())
					);
				};
			case 'foreachRDD':
				return (a) => this.output('foreachRDD', { fn: fnArg(a[0], 'func') });
			case 'pprint':
				return (a, kw) =>
					this.output('pprint', { num: intArg(bindArgs(name, ['num'], 0, a, kw).num, 10) });
			case 'saveAsTextFiles':
				return (a) => this.output('saveAsTextFiles', { prefix: str0(a[0]) });
			case 'checkpoint':
				return (a) => {
					node.checkpointMs = durationMs(a[0], 'interval');
					return this;
				};
			case 'cache':
			case 'persist':
				return () => this;
			case 'repartition':
				return (a) =>
					this.wrap(
						transformed(ctx, node, name, span(), (r) =>
							R.parallelize(R.elements(r), intArg(a[0], 1))
						)
					);
			case 'glom':
				return () =>
					this.wrap(
						transformed(ctx, node, name, span(), (r) => R.mapPartitions(r, (p) => [[...p]]))
					);
			case 'context':
				return () => this.env.ssc();
		}
		return windowMethod(this, name);
	}

	private output(
		kind: 'foreachRDD' | 'pprint' | 'saveAsTextFiles',
		extra: { fn?: PyValue; num?: number; prefix?: string }
	): null {
		const outputs = this.env.state.outputs;
		outputs.push({
			id: outputs.length,
			node: this.node,
			kind,
			span: this.env.currentSpan(),
			...extra
		});
		return null;
	}
}
