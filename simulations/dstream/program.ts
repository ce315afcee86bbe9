/**
 * What reading a DStream program produces (G-DS "Initializing StreamingContext"): the
 * SparkConf, the batch interval, the checkpoint directory, the input DStreams, the DStream graph
 * and the output operations in registration order (output operations run one at a time, in the
 * order the program defined them). Nothing runs until the engine drives batches.
 */
import type { Span } from '../python/errors';
import { PyBuiltin, PyFunction } from '../python/values';
import type { PyValue } from '../python/values';
import { asPyException, PyException } from '../python/errors';
import { Graph } from './graph';
import { SimulatedFs } from './host-fs';
import type { DNode } from './graph';
import type { Rdd } from './rdd';

export type InputKind = 'queueStream' | 'socketTextStream' | 'textFileStream';

export interface InputSpec {
	readonly node: DNode;
	readonly kind: InputKind;
	/** Receiver-based inputs run a long-lived receiver that occupies one core (R8.2). */
	readonly receiver: boolean;
	readonly label: string;
}

export type OutputKind = 'foreachRDD' | 'pprint' | 'saveAsTextFiles' | 'collect';

export interface OutputSpec {
	readonly id: number;
	readonly node: DNode;
	readonly kind: OutputKind;
	readonly span: Span;
	readonly fn?: PyValue;
	readonly num?: number;
	readonly prefix?: string;
}

/** Per-batch data for receiver and file inputs, supplied by the driver before it runs batches. */
export type InputFeed = (input: InputSpec, time: number) => Rdd | undefined;

export class ProgramState {
	readonly graph = new Graph();
	readonly conf = new Map<string, string>();
	readonly inputs: InputSpec[] = [];
	readonly outputs: OutputSpec[] = [];
	master: string | undefined;
	batchMs: number | undefined;
	batchSpan: Span | undefined;
	checkpointDir: string | undefined;
	checkpointSpan: Span | undefined;
	/** The directory `StreamingContext.getOrCreate` recovers from on a driver restart. */
	getOrCreatePath: string | undefined;
	startSpan: Span | undefined;
	/** Epoch milliseconds of zeroTime: batch times reach Python (and pprint) as datetimes. */
	startEpochMs = 0;
	feed: InputFeed = () => undefined;
	/** Files the program's own output code wrote (host-fs). */
	readonly fs = new SimulatedFs();
	/** StreamingListener objects registered with ssc.addStreamingListener, in order. */
	readonly listeners: PyValue[] = [];

	/** spark.default.parallelism, else the core count of a local[n] master, else 2. */
	get defaultParallelism(): number {
		const set = Number(this.conf.get('spark.default.parallelism'));
		if (Number.isInteger(set) && set > 0) return set;
		const m = /^local\[(\d+)\]$/.exec(this.master ?? '');
		return m?.[1] ? Number(m[1]) : 2;
	}

	/** Calls a Python value without an interpreter handle: user functions carry their own. */
	readonly call = (fn: PyValue, args: readonly PyValue[], at: Span): PyValue => {
		try {
			if (fn instanceof PyFunction) return fn.invoke(args, new Map());
			if (fn instanceof PyBuiltin) return fn.fn(args, new Map(), (f, a) => this.call(f, a, at));
		} catch (e) {
			throw asPyException(e, at);
		}
		throw new PyException('TypeError', 'object is not callable', at);
	};
}
