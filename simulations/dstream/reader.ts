/**
 * Reads a DStream program by running it on the Python-subset evaluator with PySpark's streaming
 * objects bound (G-DS "A Quick Example"): the program builds its StreamingContext, inputs,
 * DStream graph and output operations exactly as it would in PySpark; nothing is computed until
 * batches run. Also checks what `ssc.start()` checks (DStream.validateAtStart, R8.4, R8.5).
 */
import { ok } from '../core/errors';
import type { Result, SourceError } from '../core/errors';
import { PyException, runPython, toSourceError } from '../python/index';
import type { PythonSession, Span } from '../python/index';
import type { PyModule, PyValue } from '../python/values';
import type { DNode } from './graph';
import {
	BatchTimeHost,
	SparkContextHost,
	StreamingContextHost,
	pysparkModules
} from './host-context';
import type { HostEnv } from './host-dstream';
import { ProgramState } from './program';
import { fileSystemBindings } from './host-fs';

export interface DStreamProgram {
	readonly src: string;
	readonly state: ProgramState;
	readonly session: PythonSession;
	readonly env: HostEnv;
}

export interface ReadOptions {
	/** Epoch milliseconds of zeroTime, for the datetime values foreachRDD and transform receive. */
	readonly startEpochMs?: number;
	readonly globals?: ReadonlyMap<string, PyValue>;
	/** Set up the program state before the code runs (the conformance harness fixes the batch). */
	readonly prepare?: (state: ProgramState, env: HostEnv) => void;
}

export function readDStreamProgram(src: string, options: ReadOptions = {}): Result<DStreamProgram> {
	const state = new ProgramState();
	const callSpans: Span[] = [];
	const sc = new SparkContextHost(state);
	let ssc: StreamingContextHost | undefined;
	const env: HostEnv = {
		state,
		sc,
		currentSpan: () => callSpans[callSpans.length - 1] ?? { from: 0, to: 0 },
		ssc: () => (ssc ??= new StreamingContextHost(env, sc)),
		timeValue: (ms) => new BatchTimeHost(state.startEpochMs + ms)
	};
	state.startEpochMs = options.startEpochMs ?? 0;
	options.prepare?.(state, env);
	const { open, os } = fileSystemBindings(state.fs);
	const modules = pysparkModules(state, env);
	modules.set('os', os);
	modules.set('os.path', os.attrs.get('path') as PyModule);
	const globals = new Map<string, PyValue>([['open', open], ...(options.globals ?? [])]);
	const run = runPython(src, { modules, callSpans, globals });
	if (!run.ok) return run;
	return ok({ src, state, session: run.value, env });
}

/** The DStreams an output depends on, output first (the order validateAtStart visits them). */
function reachable(outputs: readonly DNode[]): DNode[] {
	const seen = new Set<DNode>();
	const visit = (n: DNode) => {
		if (seen.has(n)) return;
		seen.add(n);
		n.parents.forEach(visit);
	};
	outputs.forEach(visit);
	return [...seen];
}

const ms = (n: number) => `${n} ms`;

/** Data checkpoint interval of a stateful stream: the slide times ceil(10 s / slide) (R8.5). */
export function defaultCheckpointMs(slideMs: number): number {
	// Scala: slideDuration * math.ceil(Seconds(10) / slideDuration).toInt; a Double's toInt
	// saturates (10 s / 0 ms = Infinity becomes Int.MaxValue), so a zero slide gives 0 ms.
	const times = Math.ceil(10_000 / slideMs);
	const asInt = Number.isNaN(times) ? 0 : Math.max(-2147483648, Math.min(2147483647, times));
	return slideMs === 0 ? 0 : slideMs * asInt;
}

/** StreamingContext.start()'s checks, as located errors; undefined when the program may start. */
export function validateAtStart(p: DStreamProgram, requireOutputs = true): SourceError | undefined {
	const { state } = p;
	const fail = (message: string, span: Span | undefined) =>
		toSourceError(
			p.src,
			new PyException(
				'IllegalArgumentException',
				`requirement failed: ${message}`,
				span ?? state.startSpan ?? { from: 0, to: 0 }
			)
		);
	if (state.batchMs === undefined) return fail('no StreamingContext was created', undefined);
	if (requireOutputs && state.outputs.length === 0)
		return fail('No output operations registered, so nothing to execute', state.startSpan);
	for (const n of reachable(state.outputs.map((o) => o.node))) {
		const interval =
			n.checkpointMs ?? (n.mustCheckpoint ? defaultCheckpointMs(n.slideMs) : undefined);
		if (interval === undefined) continue;
		if (state.checkpointDir === undefined) {
			return fail(
				'The checkpoint directory has not been set. Please set it by StreamingContext.checkpoint().',
				n.span
			);
		}
		if (interval < n.slideMs) {
			return fail(
				`The checkpoint interval for ${n.sparkClass} has been set to ${ms(interval)} which is lower than its slide time (${ms(n.slideMs)}). Please set it to at least ${ms(n.slideMs)}.`,
				n.span
			);
		}
		// Duration.isMultipleOf is a Long remainder: a zero slide divides by zero.
		if (n.slideMs === 0) {
			return toSourceError(
				p.src,
				new PyException('java.lang.ArithmeticException', '/ by zero', n.span)
			);
		}
		if (interval % n.slideMs !== 0) {
			return fail(
				`The checkpoint interval for ${n.sparkClass} has been set to  ${ms(interval)} which not a multiple of its slide time (${ms(n.slideMs)}). Please set it to a multiple of ${ms(n.slideMs)}.`,
				n.span
			);
		}
	}
	return undefined;
}
