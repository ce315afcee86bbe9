/**
 * The DStream graph and Spark's per-batch RDD generation (SPARK-SEMANTICS R8.1, R8.3; DStream.scala
 * `getOrCompute`, `isTimeValid`, `slice`). A DStream yields an RDD at time t only when
 * t > zeroTime and (t - zeroTime) is a multiple of its slide duration; generated RDDs are
 * remembered so windows and state can read earlier batches. Times are virtual milliseconds with
 * zeroTime = 0, so the first batch is at t = batchDuration.
 */
import { PyException } from '../python/errors';
import type { Span } from '../python/errors';
import { deepCopy } from '../python/values';
import type { PyValue } from '../python/values';
import type { Rdd } from './rdd';
import { RunBudget } from '../core/budget';

export interface DNode {
	readonly id: number;
	/** The PySpark method that created it (`map`, `reduceByKeyAndWindow`...). */
	readonly op: string;
	/** The JVM class Spark would build, used in Spark's own validation messages. */
	readonly sparkClass: string;
	readonly span: Span;
	readonly parents: readonly DNode[];
	readonly slideMs: number;
	readonly windowMs?: number;
	readonly mustCheckpoint: boolean;
	/** Built by PySpark internally (countByWindow's map, for example), not by a user call. */
	readonly internal: boolean;
	checkpointMs?: number;
	readonly compute: (time: number, ex: Exec) => Rdd | undefined;
}

export interface Caller {
	/** Calls a Python function from an operation; errors are located by the evaluator. */
	call(fn: PyValue, args: readonly PyValue[], at: Span): PyValue;
}

export interface Exec extends Caller {
	readonly zeroTime: number;
	getOrCompute(node: DNode, time: number): Rdd | undefined;
	slice(node: DNode, fromTime: number, toTime: number): Rdd[];
}

export class Graph {
	readonly nodes: DNode[] = [];
	private nextId = 0;

	add(
		spec: Omit<DNode, 'id' | 'internal' | 'mustCheckpoint'> & {
			internal?: boolean;
			mustCheckpoint?: boolean;
		}
	): DNode {
		const node: DNode = {
			...spec,
			id: this.nextId++,
			internal: spec.internal ?? false,
			mustCheckpoint: spec.mustCheckpoint ?? false
		};
		this.nodes.push(node);
		return node;
	}
}

/** A partition as a later reader may see it: shared unless it holds mutable values. */
function copyPartition(p: readonly PyValue[]): readonly PyValue[] {
	let out: PyValue[] | undefined;
	for (let i = 0; i < p.length; i++) {
		const x = p[i] ?? null;
		const c = typeof x === 'object' && x !== null ? deepCopy(x) : x;
		if (c !== x && !out) out = p.slice(0, i);
		out?.push(c);
	}
	return out ?? p;
}

export const isTimeValid = (node: DNode, time: number, zeroTime: number): boolean => {
	if (time <= zeroTime) return false;
	// Duration.isMultipleOf is a Long remainder: a zero slide fails the batch as the JVM does.
	if (node.slideMs === 0)
		throw new PyException('java.lang.ArithmeticException', '/ by zero', node.span);
	return (time - zeroTime) % node.slideMs === 0;
};

/** Memoised generation with Spark's validity rule; reads hand out copies (PySpark RDDs are
 *  serialized, so a function that mutates its input never changes a remembered RDD). */
export class Generator implements Exec {
	private readonly memo = new Map<number, Map<number, Rdd | undefined>>();
	/** RDDs computed during the current batch, for the UI's per-DStream boxes. */
	readonly computed: { node: DNode; time: number; rdd: Rdd }[] = [];

	constructor(
		readonly zeroTime: number,
		private readonly invoke: (fn: PyValue, args: readonly PyValue[], at: Span) => PyValue,
		private readonly rememberMs: number,
		/** The run's budget: every RDD asked for and every record computed counts. */
		private readonly budget: RunBudget = new RunBudget()
	) {}

	call(fn: PyValue, args: readonly PyValue[], at: Span): PyValue {
		return this.invoke(fn, args, at);
	}

	getOrCompute(node: DNode, time: number): Rdd | undefined {
		if (!isTimeValid(node, time, this.zeroTime)) return undefined;
		this.budget.charge('dstreamWork', 1);
		let byTime = this.memo.get(node.id);
		if (!byTime) this.memo.set(node.id, (byTime = new Map()));
		if (!byTime.has(time)) {
			const rdd = node.compute(time, this);
			if (rdd) for (const p of rdd.partitions) this.budget.charge('dstreamWork', p.length);
			byTime.set(time, rdd);
			if (rdd) this.computed.push({ node, time, rdd });
		}
		const rdd = byTime.get(time);
		return rdd && { partitions: rdd.partitions.map(copyPartition) };
	}

	/** DStream.slice: RDDs at the slide-aligned times in [from, to] that exist. */
	slice(node: DNode, fromTime: number, toTime: number): Rdd[] {
		const step = node.slideMs;
		if (step === 0) throw new PyException('java.lang.ArithmeticException', '/ by zero', node.span);
		const m = Math.abs(step);
		const align = (t: number) => t - ((((t - this.zeroTime) % m) + m) % m);
		const out: Rdd[] = [];
		// Scala's `from to end by step`: a negative slide counts down, so it is empty when from < end.
		const from = align(fromTime);
		const end = align(toTime);
		for (let t = from; step > 0 ? t <= end : t >= end; t += step) {
			if (t >= this.zeroTime) {
				const r = this.getOrCompute(node, t);
				if (r) out.push(r);
			}
		}
		return out;
	}

	/** Drops remembered RDDs no window or state can read any more (DStream.clearMetadata). */
	forget(now: number): void {
		for (const byTime of this.memo.values()) {
			// Remembered RDDs are scanned every batch: a 1 ms batch under a 6 s window keeps 6,000.
			this.budget.charge('dstreamWork', byTime.size);
			for (const t of byTime.keys()) if (t < now - this.rememberMs) byTime.delete(t);
		}
		this.computed.length = 0;
	}
}
