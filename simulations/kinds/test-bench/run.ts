/**
 * Runs a page's pytest module the way pytest would: the module level runs on the reader, then
 * each `test_*` function is called. The queries a test starts run on the engine as the test
 * goes (live.ts): a file the test moves into the watched directory is new input, each
 * `processAllAvailable()` runs the micro-batches it would (the no-data batch a moved watermark
 * needs included), `spark.table(name)` reads the memory sink, every `assert` is recorded with
 * both sides, and stop / start on the same checkpoint is a restart. A failed assert, or Spark's
 * exception, fails the test as pytest reports it; anything the engine does not model is a
 * located message instead of a run.
 */
import '../../structured/stateful-python/register';
import type { Result, SourceError } from '../../core/errors';
import { readProgram } from '../../structured/reader/index';
import { PyException } from '../../python/errors';
import { PyFunction, type PyValue } from '../../python/values';
import { VirtualDisk } from './disk';
import { Fixtures } from './fixtures';
import { LiveBench } from './live';
import type { BenchRun, TestOutcome } from './frames';
import { ReadFailure } from '../../structured/reader/errors';

/** Exceptions that fail a test (pytest prints them), rather than stop the page's run. */
const TEST_FAILURES = new Set([
	'AssertionError',
	'AnalysisException',
	'StreamingQueryException',
	'IllegalArgumentException'
]);

const lineOf = (code: string, offset: number): number =>
	code.slice(0, Math.max(0, offset)).split('\n').length;

export function runTestBench(code: string): Result<BenchRun, SourceError> {
	const disk = new VirtualDisk();
	const stdout: string[] = [];
	const bench = new LiveBench(code, disk, stdout);
	const tests: TestOutcome[] = [];
	const fixtures = new Fixtures();
	let ranAny = false;
	const env = {
		live: bench,
		modules: new Map([...disk.modules(), ['pytest', fixtures.module()]]),
		builtins: new Map<string, PyValue>([['open', disk.open()]]),
		stdout,
		onAssert: bench.onAssert,
		afterScript: (globals: ReadonlyMap<string, PyValue>) => {
			bench.callLines = env.callLines ?? (() => []);
			for (const [name, fn] of globals) {
				if (!name.startsWith('test') || !(fn instanceof PyFunction)) continue;
				ranAny = true;
				try {
					// pytest sets a test's fixtures up as part of the test: a fixture's failure fails it.
					fn.invoke(
						fixtures.argsFor(fn, globals, (n) => bench.defLine(n)),
						new Map()
					);
					tests.push({ name, passed: true, failure: null, failedLine: null });
				} catch (e) {
					if (!(e instanceof PyException) || !TEST_FAILURES.has(e.pyType)) throw e;
					tests.push({
						name,
						passed: false,
						failure: `${e.pyType}${e.message ? `: ${e.message}` : ''}`,
						failedLine: e.span ? lineOf(code, e.span.from) : null
					});
				}
				bench.stopAll();
			}
			if (!ranAny)
				throw new ReadFailure(
					{ line: 1, column: 1 },
					'the module has no test function',
					'Define a `def test_...():` that starts the query, adds data and asserts on the results.'
				);
		}
	} as Parameters<typeof readProgram>[2] & { callLines?: () => readonly number[] };
	const read = readProgram(code, {}, env);
	if (!read.ok) return read;
	return { ok: true, value: bench.result(tests) };
}
