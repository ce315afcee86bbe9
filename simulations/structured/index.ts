/**
 * The public surface of the Structured Streaming engine: PySpark text → analyzed query →
 * micro-batches. `prepareQuery` reads and analyzes a program (errors are values with a line and
 * column); `MicroBatchExecution` runs it batch by batch; `runMicroBatches` is the same loop as
 * an Observable of engine events on an injected scheduler; `simulate` flushes that on a
 * VirtualTimeScheduler into a deterministic trace the UI plays back.
 */
import { VirtualTimeScheduler } from 'rxjs';
import { userMessage, type SourceError } from '../core/errors';
import type { AnalyzedQuery } from './analyzer/types';
import { analyze } from './analyzer/index';
import type { StructField } from './expr/ast';
import { readProgram, type ProgramEnv } from './reader/index';
import type { EngineEvent } from './runtime/events';
import { PlanError } from './runtime/plan-errors';
import { buildPhysicalPlan } from './runtime/physical';
import { runMicroBatches, type Arrival, type RunOptions } from './runtime/run';

export type { AnalyzedQuery } from './analyzer/types';
export type { EngineEvent, OffsetLogEntry, CommitLogEntry } from './runtime/events';
export type { StreamingQueryProgress } from './runtime/progress';
export type { Arrival, RunOptions } from './runtime/run';
export { MicroBatchExecution, type BatchRecord, type Checkpoint } from './runtime/executor';
export { MemoryStreams } from './runtime/memory-stream';
export { runMicroBatches } from './runtime/run';

export type QueryError = SourceError & { readonly errorClass?: string };

/** Reads and analyzes a program; also builds its physical plan once so that every error a
 *  run could hit at planning time surfaces here, located in the program. */
export function prepareQuery(
	code: string,
	bindings: Readonly<Record<string, readonly StructField[]>>,
	conf: Readonly<Record<string, string>> = {},
	env: ProgramEnv = {}
): { ok: true; value: AnalyzedQuery } | { ok: false; error: QueryError } {
	try {
		const read = readProgram(code, bindings, env);
		if (!read.ok) return read;
		const query = { ...read.value, conf: { ...read.value.conf, ...conf } };
		const analyzed = analyze(query);
		if (!analyzed.ok) return { ok: false, error: analyzed.error };
		buildPhysicalPlan(analyzed.value);
		return analyzed;
	} catch (e) {
		if (e instanceof PlanError) return { ok: false, error: e.toSourceError() };
		return {
			ok: false,
			error: { line: 1, column: 1, message: userMessage(e) }
		};
	}
}

export interface Trace {
	readonly events: readonly { readonly atMs: number; readonly event: EngineEvent }[];
}

/** Runs a query headlessly on virtual time and returns every event with its instant. */
export function simulate(
	query: AnalyzedQuery,
	arrivals: readonly Arrival[],
	options: Omit<RunOptions, 'scheduler'>
): Trace {
	const scheduler = new VirtualTimeScheduler(undefined, options.untilMs + 1);
	const events: { atMs: number; event: EngineEvent }[] = [];
	// A batch that fails (a runtime error, a run limit) fails the query, as in Spark: thrown
	// here, synchronously. Without an error callback RxJS would rethrow it later, uncaught.
	let failure: { readonly error: unknown } | null = null;
	runMicroBatches(query, arrivals, { ...options, scheduler }).subscribe({
		next: (event) => events.push({ atMs: scheduler.now(), event }),
		error: (error: unknown) => (failure = { error })
	});
	scheduler.flush();
	if (failure !== null) throw (failure as { readonly error: unknown }).error;
	return { events };
}

/** Program text to trace in one call: read, analyze, and simulate on virtual time. Errors (with
 *  the program line and column) come back as values, so the last good trace can stay shown. */
export function runQuery(
	code: string,
	bindings: Readonly<Record<string, readonly StructField[]>>,
	arrivals: readonly Arrival[],
	options: Omit<RunOptions, 'scheduler'> & { readonly conf?: Readonly<Record<string, string>> }
):
	| { ok: true; value: Trace & { readonly query: AnalyzedQuery } }
	| { ok: false; error: QueryError } {
	const q = prepareQuery(code, bindings, options.conf ?? {});
	if (!q.ok) return q;
	try {
		return { ok: true, value: { ...simulate(q.value, arrivals, options), query: q.value } };
	} catch (e) {
		return {
			ok: false,
			error: { line: 1, column: 1, message: `query failed: ${userMessage(e)}` }
		};
	}
}
