/**
 * What the test-bench view draws of a run, and the run cut at a cursor (`frameAt`): the test's
 * steps in the order the test ran them (a file added, processAllAvailable with the batches it
 * ran, an assert with both sides, a query stopped or started), each on its own second of virtual
 * time so the page plays them one by one. Everything comes from running the program's test
 * function on the engine; the UI only lays it out.
 */

/** One micro-batch a processAllAvailable (or an AvailableNow start) ran. */
export interface BenchBatch {
	readonly batchId: number;
	readonly noData: boolean;
	readonly numInputRows: number;
	/** The watermark the batch ran with, and the one the next batch gets (ms since the epoch). */
	readonly watermarkMs: number;
	readonly nextWatermarkMs: number;
	/** State rows kept by the stateful operators after the batch. */
	readonly stateRows: number;
	readonly droppedByWatermark: number;
	/** Rows written to the sink, as CAST to string prints them. */
	readonly emitted: readonly (readonly string[])[];
	/** query.lastProgress after this batch, as JSON. */
	readonly progress: string;
}

interface StepBase {
	/** Where in the test the step is (1-based line of the statement that did it). */
	readonly line: number;
	readonly atMs: number;
}

/** A file of input rows landed in the watched directory. */
export interface AddDataStep extends StepBase {
	readonly kind: 'addData';
	readonly file: string;
	readonly columns: readonly string[];
	readonly rows: readonly (readonly string[])[];
}

export interface ProcessStep extends StepBase {
	readonly kind: 'process';
	readonly batches: readonly BenchBatch[];
}

/** A side of an assert's `==`, as pytest prints it: rows when it is a list. */
export interface Side {
	readonly text: string;
	readonly items: readonly string[] | null;
}

export interface ExpectStep extends StepBase {
	readonly kind: 'expect';
	readonly source: string;
	readonly passed: boolean;
	readonly actual: Side | null;
	readonly expected: Side | null;
	/** The memory table the test read, when it read one (its rows at that moment). */
	readonly table: { readonly name: string; readonly rows: readonly (readonly string[])[] } | null;
}

export interface QueryStep extends StepBase {
	readonly kind: 'start' | 'stop';
	/** A restart: the query starts again on a checkpoint that already has batches. */
	readonly restart: boolean;
	/** Spark's error when the start failed. */
	readonly error: string | null;
}

export type BenchStep = AddDataStep | ProcessStep | ExpectStep | QueryStep;

export interface TestOutcome {
	readonly name: string;
	readonly passed: boolean;
	/** pytest's one-line reason (AssertionError, AnalysisException...), null when it passed. */
	readonly failure: string | null;
	readonly failedLine: number | null;
}

export interface BenchRun {
	readonly tests: readonly TestOutcome[];
	readonly steps: readonly BenchStep[];
	/** The memory sink's columns. */
	readonly columns: readonly string[];
	readonly outputMode: string;
	readonly watermarkDelayMs: number | null;
	/** query.explain()'s text for the last query started. */
	readonly explain: string;
	/** What the test printed (print(query.lastProgress) ...). */
	readonly stdout: readonly string[];
	readonly endMs: number;
}

export interface BenchFrame {
	readonly t: number;
	readonly steps: readonly BenchStep[];
	readonly current: BenchStep | null;
	readonly batches: readonly BenchBatch[];
	/** The first failed step reached by the cursor. */
	readonly failed: ExpectStep | QueryStep | null;
	readonly done: boolean;
}

export const STEP_MS = 1000;

export function frameAt(run: BenchRun, t: number): BenchFrame {
	const steps = run.steps.filter((s) => s.atMs <= t);
	const failed =
		(steps.find(
			(s) =>
				(s.kind === 'expect' && !s.passed) || ((s.kind === 'start' || s.kind === 'stop') && s.error)
		) as ExpectStep | QueryStep | undefined) ?? null;
	return {
		t,
		steps,
		current: steps.at(-1) ?? null,
		batches: steps.flatMap((s) => (s.kind === 'process' ? s.batches : [])),
		failed,
		done: t >= run.endMs
	};
}
