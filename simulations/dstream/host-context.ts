/**
 * SparkConf, SparkContext and StreamingContext as Python sees them (pyspark/conf.py,
 * context.py, streaming/context.py): `StreamingContext(sc, batchDuration)` fixes the batch
 * interval (seconds); queueStream feeds one RDD per batch (then emptyRDD, which has no
 * partitions); socketTextStream and textFileStream take their data from the simulation's feed;
 * `ssc.checkpoint(dir)` sets the directory stateful streams require (R8.4, R8.5).
 */
import { raise } from '../python/builtins';
import { noOpBase } from '../python/classes';
import { LISTENER_METHODS } from './listener';
import type { Span } from '../python/errors';
import { PyBuiltin, PyFloat, PyHost, PyModule, iterItems, truthy } from '../python/values';
import type { BuiltinImpl, PyValue } from '../python/values';
import { bindArgs, durationMs, intArg, str0 } from './args';
import { DStreamHost } from './host-dstream';
import type { HostEnv } from './host-dstream';
import { RddHost, toRdd } from './host-rdd';
import type { InputKind, InputSpec, ProgramState } from './program';
import * as R from './rdd';
import type { Rdd } from './rdd';

abstract class MethodHost extends PyHost {
	protected abstract method(name: string): BuiltinImpl | PyValue | undefined;
	getAttr(name: string): PyValue | undefined {
		const m = this.method(name);
		return typeof m === 'function' ? new PyBuiltin(name, m) : m;
	}
}

class SparkConfHost extends MethodHost {
	readonly typeName = 'SparkConf';
	constructor(private readonly state: ProgramState) {
		super();
	}
	protected method(name: string): BuiltinImpl | undefined {
		const s = this.state;
		switch (name) {
			case 'set':
				return (a) => (s.conf.set(str0(a[0]), str0(a[1])), this);
			case 'setMaster':
				return (a) => ((s.master = str0(a[0])), this);
			case 'setAppName':
				return (a) => (s.conf.set('spark.app.name', str0(a[0])), this);
			case 'get':
				return (a) => s.conf.get(str0(a[0])) ?? a[1] ?? null;
			case 'setAll':
				return (a) => {
					for (const kv of iterItems(a[0] ?? null) ?? []) {
						const [k, v] = iterItems(kv) ?? [];
						s.conf.set(str0(k), str0(v));
					}
					return this;
				};
		}
		return undefined;
	}
}

export class SparkContextHost extends MethodHost {
	readonly typeName = 'SparkContext';
	constructor(private readonly state: ProgramState) {
		super();
	}
	rddEnv(span: Span) {
		return {
			call: this.state.call,
			defaultParallelism: this.state.defaultParallelism,
			sparkContext: this,
			span
		};
	}
	protected method(name: string): BuiltinImpl | PyValue | undefined {
		const s = this.state;
		switch (name) {
			case 'parallelize':
				return (a, kw) => {
					const b = bindArgs(name, ['c', 'numSlices'], 1, a, kw);
					return new RddHost(
						toRdd(b.c ?? null, intArg(b.numSlices, s.defaultParallelism)),
						this.rddEnv({ from: 0, to: 0 })
					);
				};
			case 'emptyRDD':
				return () => new RddHost(R.emptyRdd, this.rddEnv({ from: 0, to: 0 }));
			case 'setCheckpointDir':
				return (a) => ((s.checkpointDir = str0(a[0])), null);
			case 'setLogLevel':
			case 'stop':
				return () => null;
			case 'defaultParallelism':
				return s.defaultParallelism;
		}
		return undefined;
	}
}

export class StreamingContextHost extends MethodHost {
	readonly typeName = 'StreamingContext';
	constructor(
		private readonly env: HostEnv,
		private readonly sc: SparkContextHost
	) {
		super();
	}

	private input(
		kind: InputKind,
		label: string,
		compute: (t: number, spec: InputSpec) => Rdd | undefined,
		receiver: boolean
	): DStreamHost {
		const s = this.env.state;
		if (s.batchMs === undefined)
			throw raise('ValueError', 'the StreamingContext has no batch duration');
		const sparkClass =
			kind === 'queueStream'
				? 'QueueInputDStream'
				: kind === 'socketTextStream'
					? 'SocketInputDStream'
					: 'FileInputDStream';
		const holder: { spec?: InputSpec } = {};
		const node = s.graph.add({
			op: kind,
			sparkClass,
			span: this.env.currentSpan(),
			parents: [],
			slideMs: s.batchMs,
			compute: (t) => (holder.spec ? compute(t, holder.spec) : undefined)
		});
		holder.spec = { node, kind, receiver, label };
		s.inputs.push(holder.spec);
		return new DStreamHost(node, this.env);
	}

	protected method(name: string): BuiltinImpl | PyValue | undefined {
		const s = this.env.state;
		switch (name) {
			case 'sparkContext':
				return this.sc;
			case 'queueStream':
				return (a, kw) => {
					const b = bindArgs(name, ['rdds', 'oneAtATime', 'default'], 1, a, kw);
					const rdds = (iterItems(b.rdds ?? null) ?? []).map((x) => toRdd(x, s.defaultParallelism));
					const one = b.oneAtATime === undefined ? true : truthy(b.oneAtATime);
					const dflt = b.default == null ? R.emptyRdd : toRdd(b.default, s.defaultParallelism);
					const batchMs = s.batchMs ?? 1;
					return this.input(
						'queueStream',
						'queueStream',
						(t) => {
							const i = Math.round(t / batchMs) - 1;
							if (one) return rdds[i] ?? dflt;
							return i === 0 ? R.union(rdds) : dflt;
						},
						false
					);
				};
			case 'socketTextStream':
				return (a, kw) => {
					const b = bindArgs(name, ['hostname', 'port', 'storageLevel'], 2, a, kw);
					const label = `socketTextStream ${str0(b.hostname)}:${str0(b.port)}`;
					return this.input(
						'socketTextStream',
						label,
						(t, spec) => s.feed(spec, t) ?? R.emptyRdd,
						true
					);
				};
			case 'textFileStream':
				return (a) =>
					this.input(
						'textFileStream',
						`textFileStream ${str0(a[0])}`,
						(t, spec) => s.feed(spec, t) ?? R.emptyRdd,
						false
					);
			case 'checkpoint':
				return (a) => {
					s.checkpointDir = str0(a[0]);
					s.checkpointSpan = this.env.currentSpan();
					return null;
				};
			case 'remember':
				return () => null;
			case 'start':
				return () => ((s.startSpan = this.env.currentSpan()), null);
			case 'addStreamingListener':
				return (a) => (s.listeners.push(a[0] ?? null), null);
			case 'awaitTermination':
			case 'awaitTerminationOrTimeout':
			case 'stop':
				return () => null;
			case 'union':
				return (a) => {
					const streams = a.filter((d): d is DStreamHost => d instanceof DStreamHost);
					const first = streams[0];
					if (!first || streams.length !== a.length) {
						throw raise('ValueError', 'should have at least one DStream to union');
					}
					return streams.slice(1).reduce((acc, d) => acc.unionWith(d), first);
				};
		}
		return undefined;
	}
}

/** Batch times reach Python as datetime-like objects: `t.timestamp()` gives epoch seconds. */
export class BatchTimeHost extends MethodHost {
	readonly typeName = 'datetime';
	constructor(readonly epochMs: number) {
		super();
	}
	protected method(name: string): BuiltinImpl | undefined {
		if (name === 'timestamp') return () => new PyFloat(this.epochMs / 1000);
		return undefined;
	}
}

/** A Python class object: callable, with static attributes (StreamingContext.getOrCreate). */
class ClassHost extends PyHost {
	constructor(
		readonly typeName: string,
		private readonly attrs: ReadonlyMap<string, PyValue>
	) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		return this.attrs.get(name);
	}
}

/** The pyspark modules a DStream program imports; StreamingContext binds to this program. */
export function pysparkModules(state: ProgramState, env: HostEnv): Map<string, PyModule> {
	const builtin = (n: string, f: BuiltinImpl) => new PyBuiltin(n, f);
	const makeSsc: BuiltinImpl = (a, kw) => {
		const b = bindArgs('StreamingContext', ['sparkContext', 'batchDuration'], 1, a, kw);
		state.batchMs = b.batchDuration == null ? 1000 : durationMs(b.batchDuration, 'batchDuration');
		if (state.batchMs <= 0) throw raise('ValueError', 'batchDuration must be positive');
		state.batchSpan = env.currentSpan();
		return env.ssc();
	};
	const StreamingContext = new ClassHost(
		'type',
		new Map<string, PyValue>([
			['__call__', builtin('StreamingContext', makeSsc)],
			// First run of getOrCreate: no checkpoint exists yet, so the factory builds the context,
			// then PySpark sets the checkpoint directory itself (streaming/context.py getOrCreate:
			// `ssc = setupFunc(); ssc.checkpoint(checkpointPath)`). A restart recovers from it
			// without calling the factory (../recovery.ts).
			[
				'getOrCreate',
				builtin('getOrCreate', (a, kw, call) => {
					const b = bindArgs('getOrCreate', ['checkpointPath', 'setupFunc'], 2, a, kw);
					const ssc = call(b.setupFunc ?? null, []);
					state.getOrCreatePath = str0(b.checkpointPath);
					state.checkpointDir = state.getOrCreatePath;
					state.checkpointSpan ??= env.currentSpan();
					return ssc;
				})
			],
			['getActive', builtin('getActive', () => null)]
		])
	);
	const pyspark = new Map<string, PyValue>([
		['SparkConf', builtin('SparkConf', () => new SparkConfHost(state))],
		[
			'SparkContext',
			builtin('SparkContext', (a, kw) => {
				const b = bindArgs(
					'SparkContext',
					[
						'master',
						'appName',
						'sparkHome',
						'pyFiles',
						'environment',
						'batchSize',
						'serializer',
						'conf'
					],
					0,
					a,
					kw
				);
				if (typeof b.master === 'string') state.master = b.master;
				return env.sc;
			})
		],
		[
			'StorageLevel',
			new PyModule(
				'StorageLevel',
				new Map(
					['MEMORY_ONLY', 'MEMORY_AND_DISK', 'MEMORY_AND_DISK_2', 'MEMORY_ONLY_2', 'DISK_ONLY'].map(
						(l) => [l, l]
					)
				)
			)
		]
	]);
	return new Map([
		['pyspark', new PyModule('pyspark', pyspark)],
		[
			'pyspark.streaming',
			new PyModule(
				'pyspark.streaming',
				new Map<string, PyValue>([['StreamingContext', StreamingContext]])
			)
		],
		[
			'pyspark.streaming.listener',
			new PyModule(
				'pyspark.streaming.listener',
				new Map<string, PyValue>([
					['StreamingListener', noOpBase('StreamingListener', LISTENER_METHODS)]
				])
			)
		]
	]);
}
