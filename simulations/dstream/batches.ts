/**
 * One batch of a DStream program (G-DS "Output Operations on DStreams"): at batch time t every
 * output operation runs, in the order the program registered it, on its DStream's RDD for t
 * (JobGenerator.generateJobs; DStream.generateJob). pprint prints the first num elements under
 * a "Time: ..." banner as PySpark's takeAndPrint does; foreachRDD receives (time, rdd) or rdd.
 */
import type { SourceError } from '../core/errors';
import { repr } from '../python/format';
import type { PyValue } from '../python/values';
import { arity } from './args';
import { Generator } from './graph';
import { RddHost } from './host-rdd';
import type { FileWrite } from './host-fs';
import type { OutputSpec } from './program';
import * as R from './rdd';
import type { DStreamProgram } from './reader';
import { maxOf } from '../core/arrays';
import { civilFromMs } from '../core/calendar';
import { asPyException } from '../python/errors';
import { RunLimitExceeded } from '../core/budget';

export interface OutputResult {
	readonly outputId: number;
	readonly kind: OutputSpec['kind'];
	/** The RDD's elements, or undefined when the DStream generated no RDD at this time. */
	readonly records?: readonly PyValue[];
	readonly lines?: readonly string[];
	readonly file?: string;
}

export interface RddSnapshot {
	readonly nodeId: number;
	readonly op: string;
	readonly time: number;
	readonly partitionSizes: readonly number[];
	/** Up to 20 elements, as Python reprs, for the RDD boxes. */
	readonly sample: readonly string[];
}

export interface BatchResult {
	readonly time: number;
	readonly outputs: readonly OutputResult[];
	readonly rdds: readonly RddSnapshot[];
	/** What the batch's functions print()ed (foreachRDD callbacks run on the driver). */
	readonly stdout: readonly string[];
	/** Files written by the batch's own output code (foreachRDD writing per partition). */
	readonly files: readonly FileWrite[];
	readonly error?: SourceError;
}

/** Python's datetime str(): `2026-01-01 10:00:02` or with `.500000` microseconds. */
export function pyDatetime(epochMs: number): string {
	const c = civilFromMs(epochMs);
	const p = (n: number, w = 2) => String(n).padStart(w, '0');
	const base = `${c.year}-${p(c.month)}-${p(c.day)} ${p(c.hour)}:${p(c.minute)}:${p(c.second)}`;
	return c.ms ? `${base}.${p(c.ms * 1000, 6)}` : base;
}

export class BatchRunner {
	readonly gen: Generator;
	constructor(private readonly program: DStreamProgram) {
		const { state } = program;
		const longest = Math.max(0, maxOf(state.graph.nodes.map((n) => (n.windowMs ?? 0) + n.slideMs)));
		this.gen = new Generator(0, state.call, longest + 3 * (state.batchMs ?? 1000));
	}

	runBatch(time: number): BatchResult {
		const { state, session } = this.program;
		const outputs: OutputResult[] = [];
		const printed = session.stdout.length;
		const stdout = () => session.stdout.splice(printed);
		try {
			// No budget reset here: the run's Python budget spans all batches (one budget per run).
			for (const o of state.outputs) {
				// Located at the output operation whose job crossed a limit or failed unlocated.
				try {
					outputs.push(this.runOutput(o, time));
				} catch (e) {
					throw asPyException(e, o.span);
				}
			}
			const rdds = this.gen.computed.map(({ node, time: t, rdd }) => ({
				nodeId: node.id,
				op: node.op,
				time: t,
				partitionSizes: rdd.partitions.map((p) => p.length),
				sample: R.elements(rdd).slice(0, 20).map(repr)
			}));
			this.gen.forget(time);
			return { time, outputs, rdds, stdout: stdout(), files: state.fs.drain() };
		} catch (e) {
			this.gen.forget(time);
			return {
				time,
				outputs,
				rdds: [],
				stdout: stdout(),
				files: state.fs.drain(),
				// A run limit crossed between output jobs (forgetting old RDDs) is the context's.
				error: session.toError(
					e instanceof RunLimitExceeded ? asPyException(e, state.startSpan) : e
				)
			};
		}
	}

	private runOutput(o: OutputSpec, time: number): OutputResult {
		const rdd = this.gen.getOrCompute(o.node, time);
		const base = { outputId: o.id, kind: o.kind };
		if (!rdd) return base;
		const records = R.elements(rdd);
		const { state, env } = this.program;
		switch (o.kind) {
			case 'pprint': {
				const num = o.num ?? 10;
				const banner = '-------------------------------------------';
				const lines = [
					banner,
					`Time: ${pyDatetime(state.startEpochMs + time)}`,
					banner,
					...records.slice(0, num).map((r) => (typeof r === 'string' ? r : repr(r)))
				];
				if (records.length > num) lines.push('...');
				lines.push('');
				return { ...base, records, lines };
			}
			case 'foreachRDD': {
				const fn = o.fn ?? null;
				const rddArg = new RddHost(rdd, {
					call: state.call,
					defaultParallelism: state.defaultParallelism,
					sparkContext: env.sc,
					span: o.span
				});
				state.call(fn, arity(fn) === 1 ? [rddArg] : [env.timeValue(time), rddArg], o.span);
				return { ...base, records };
			}
			case 'saveAsTextFiles':
				return { ...base, records, file: `${o.prefix ?? ''}-${state.startEpochMs + time}` };
			case 'collect':
				return { ...base, records };
		}
	}
}
