// advanced-12 on the test-bench kind: the page's pytest module runs test by test on the engine;
// each preset's story holds in the run's steps (what real PySpark 4.1 does with the same module:
// the append test passes, a 20 s delay leaves the window open, a memory sink refuses to recover
// in append mode, update mode writes the open window at once).
import { describe, expect, it } from 'vitest';
import { advanced12Testing as q } from '../../../simulations/questions/advanced-12-testing-debugging/question';
import { testBenchEngine as engine } from '../../../simulations/kinds/test-bench/engine';
import { testBenchKind as kind } from '../../../simulations/kinds/test-bench/kind';
import {
	frameAt,
	type BenchRun,
	type ExpectStep,
	type ProcessStep
} from '../../../simulations/kinds/test-bench/frames';
import { paramsFromProgram } from '../../../simulations/kinds/read-back';
import {
	batchRows,
	diffRows,
	stepRows,
	verdict,
	withLiteral
} from '../../../src/lib/views/test-bench/layout';

function run(code: string) {
	const params = q.constrain({}).params;
	return engine.run(q, { code, params, seed: 1, script: null, edits: [] });
}

function runPreset(id: string): BenchRun {
	const preset = q.presets.find((p) => p.id === id);
	if (!preset) throw new Error(id);
	const r = run(q.program(q.constrain(preset.params).params));
	if (!r.ok) throw new Error(`${r.error.line}: ${r.error.message}`);
	return r.value;
}

const expects = (r: BenchRun) => r.steps.filter((s): s is ExpectStep => s.kind === 'expect');
const processes = (r: BenchRun) => r.steps.filter((s): s is ProcessStep => s.kind === 'process');

describe('advanced-12 presets', () => {
	it('append-window-test: step 1 expects nothing, step 2 the closed window after a no-data batch', () => {
		const r = runPreset('append-window-test');
		expect(r.tests).toEqual([
			{
				name: 'test_append_emits_window_after_watermark',
				passed: true,
				failure: null,
				failedLine: null
			}
		]);
		expect(r.steps.map((s) => s.kind)).toEqual([
			'start',
			'addData',
			'process',
			'expect',
			'addData',
			'process',
			'expect',
			'stop'
		]);
		const [p1, p2] = processes(r);
		expect(p1!.batches.map((b) => [b.batchId, b.noData])).toEqual([
			[0, false],
			[1, true]
		]);
		// The watermark after step 1: 00:00:04 - 10 s; after step 2: 00:00:25 - 10 s = 00:00:15.
		expect(p1!.batches[0]!.nextWatermarkMs).toBe(Date.UTC(2025, 11, 31, 23, 59, 54));
		expect(p2!.batches.map((b) => [b.batchId, b.noData, b.emitted.length])).toEqual([
			[2, false, 0],
			[3, true, 1]
		]);
		expect(p2!.batches[1]!.nextWatermarkMs).toBe(Date.UTC(2026, 0, 1, 0, 0, 15));
		expect(p2!.batches[1]!.stateRows).toBe(1);
		const [e1, e2] = expects(r);
		expect(e1!.passed && e2!.passed).toBe(true);
		expect(e1!.table).toEqual({ name: 'counts', rows: [] });
		expect(e2!.actual?.text).toBe("[('2026-01-01 00:00:00', 'd1', 2)]");
		expect(r.explain).toMatch(/StateStoreSave \[window, device\].*Append/);
		expect(r.stdout.some((l) => l.includes("'batchId': 3"))).toBe(true);
		const end = frameAt(r, r.endMs);
		expect(verdict(r, end)).toBe('PASSED: 1 test, 2 asserts passed');
	});

	it('failing-expectation: with a 20 s delay the window is still open; the diff shows it missing', () => {
		const r = runPreset('failing-expectation');
		expect(r.tests[0]?.passed).toBe(false);
		expect(r.tests[0]?.failure).toBe('AssertionError');
		const e2 = expects(r)[1]!;
		expect(e2.passed).toBe(false);
		expect(e2.actual?.text).toBe('[]');
		expect(diffRows(e2)).toEqual([{ text: "('2026-01-01 00:00:00', 'd1', 2)", change: 'missing' }]);
		// A no-data batch still runs (the watermark moved to 00:00:05), but it closes no window.
		const p2 = processes(r)[1]!;
		expect(p2.batches.map((b) => [b.noData, b.emitted.length])).toEqual([
			[false, 0],
			[true, 0]
		]);
		expect(p2.batches[1]!.nextWatermarkMs).toBe(Date.UTC(2026, 0, 1, 0, 0, 5));
		// The finally block still stops the query.
		expect(r.steps.at(-1)?.kind).toBe('stop');
	});

	it('restart-step: Spark refuses to recover a memory sink in append mode', () => {
		const r = runPreset('restart-step');
		const start = r.steps.filter((s) => s.kind === 'start');
		expect(start).toHaveLength(2);
		expect(start[1]).toMatchObject({ restart: true });
		expect((start[1] as { error: string }).error).toMatch(
			/^This query does not support recovering from checkpoint location\. Delete .*\/checkpoint\/offsets to start over\.$/
		);
		expect(r.tests[0]?.failure).toMatch(/^AnalysisException: This query does not support/);
		const f = frameAt(r, r.endMs);
		expect(f.failed?.kind).toBe('start');
		expect(stepRows(r, f).filter((x) => x.status === 'fail')).toHaveLength(1);
	});

	it('update-mode-test: the open window is written in the first batch, so step 1 fails', () => {
		const r = runPreset('update-mode-test');
		const e1 = expects(r)[0]!;
		expect(e1.passed).toBe(false);
		expect([e1.actual?.text, e1.expected?.text]).toEqual(['1', '0']);
		expect(e1.table?.rows).toEqual([['{2026-01-01 00:00:00, 2026-01-01 00:00:10}', 'd1', '2']]);
		expect(expects(r)).toHaveLength(1);
	});
});

describe('the test bench runs what the program says', () => {
	it('an edited expectation changes the verdict (the program is the truth)', () => {
		const base = runPreset('append-window-test');
		const e2 = expects(base)[1]!;
		const code = withLiteral(
			q.program(q.constrain({}).params),
			e2,
			'[("2026-01-01 00:00:00", "d1", 3)]'
		);
		const r = run(code!);
		expect(r.ok && r.value.tests[0]?.passed).toBe(false);
		if (r.ok)
			expect(diffRows(expects(r.value)[1]!).map((d) => d.change)).toEqual(['missing', 'extra']);
	});

	it('an edited input row moves the count', () => {
		const base = runPreset('append-window-test');
		const add = base.steps.find((s) => s.kind === 'addData')!;
		const code = withLiteral(
			q.program(q.constrain({}).params),
			add,
			'[("d1", "2026-01-01T00:00:01Z"), ("d1", "2026-01-01T00:00:04Z"), ("d1", "2026-01-01T00:00:09Z")]'
		);
		const r = run(code!);
		expect(r.ok).toBe(true);
		if (r.ok) {
			expect(expects(r.value)[1]!.actual?.text).toBe("[('2026-01-01 00:00:00', 'd1', 3)]");
			expect(batchRows(r.value, frameAt(r.value, r.value.endMs)).map((b) => b.inputRows)).toEqual([
				3, 0, 1, 0
			]);
		}
	});

	it('append without a watermark is Spark’s analysis error, located, and no run', () => {
		const code = q
			.program(q.constrain({}).params)
			.replace(/\s*\.withWatermark\([^)]*\)\s*# <- watermarkDelay/, '');
		const r = run(code);
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.error.message).toMatch(
				/Append output mode not supported when there are streaming aggregations/
			);
	});

	it('constructs outside the bench are located messages, never crashes', () => {
		const base = q.program(q.constrain({}).params);
		const noSink = run(base.replace('.format("memory")', '.format("console")'));
		expect(noSink.ok).toBe(false);
		if (!noSink.ok) expect(noSink.error.message).toMatch(/memory sink/);
		const hang = run(
			base.replace(
				'query.processAllAvailable()\n        assert',
				'query.awaitTermination()\n        assert'
			)
		);
		expect(hang.ok).toBe(false);
		if (!hang.ok) expect(hang.error.message).toMatch(/awaitTermination\(\) waits/);
		// A fixture the module does not define (pytest's built-in tmp_path): located at the test.
		const testDef = 'def test_append_emits_window_after_watermark(spark_session: SparkSession)';
		expect(base).toContain(testDef);
		const fixture = run(base.replace(testDef, testDef.replace(')', ', tmp_path)')));
		expect(fixture.ok).toBe(false);
		if (!fixture.ok) {
			expect(fixture.error.message).toMatch(/fixture 'tmp_path' not found/);
			expect(fixture.error.line).toBe(base.slice(0, base.indexOf(testDef)).split('\n').length);
		}
		// pytest.fixture with arguments, and a decorator that makes the fixture something else:
		// located refusals.
		const scoped = run(base.replace('@pytest.fixture\n', '@pytest.fixture(scope="session")\n'));
		expect(scoped.ok).toBe(false);
		if (!scoped.ok) expect(scoped.error.message).toMatch(/supported as a bare decorator/);
		const udf = run(base.replace('@pytest.fixture\n', '@F.udf\n'));
		expect(udf.ok).toBe(false);
		// @F.udf runs (a UDF), so the module has no fixture of that name left.
		if (!udf.ok) expect(udf.error.message).toMatch(/fixture 'spark_session' not found/);
		const typo = run(
			base.replace(
				'query.processAllAvailable()\n        assert',
				'query.processAllAvalable()\n        assert'
			)
		);
		expect(typo.ok).toBe(false);
	});

	it('fixtures: the test gets its spark_session from the module’s @pytest.fixture, fixtures ask for fixtures', () => {
		const base = q.program(q.constrain({}).params);
		const testDef = 'def test_append_emits_window_after_watermark(spark_session: SparkSession)';
		const withRoot = base
			.replace(
				testDef,
				'@pytest.fixture\ndef root(spark_session):\n    yield tempfile.mkdtemp()\n\n\n' +
					testDef.replace(')', ', root)')
			)
			.replace('    root = tempfile.mkdtemp()\n', '');
		const r = run(withRoot);
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.value.tests).toMatchObject([{ passed: true }]);
		// pytest wants a generator fixture to yield exactly once.
		const twice = run(
			base.replace('    yield session\n', '    yield session\n    yield session\n')
		);
		expect(twice.ok).toBe(false);
		if (!twice.ok) expect(twice.error.message).toMatch(/yielded 2 values/);
	});

	it('Trigger.AvailableNow processes what is there when the query starts, then stops', () => {
		const code = q
			.program(q.constrain({}).params)
			.replace(
				'.outputMode("append")  # <- outputMode',
				'.outputMode("append")  # <- outputMode\n        .trigger(availableNow=True)'
			);
		const r = run(code);
		expect(r.ok).toBe(true);
		// Started before any file: nothing to read; the later processAllAvailable calls do nothing.
		if (r.ok) expect(processes(r.value).every((p) => p.batches.length === 0)).toBe(true);
	});

	it('the controls follow the program and the program follows the controls', () => {
		const on = q.program(q.constrain({ includeRestart: 'on', watermarkDelay: 20 }).params);
		expect(on).toContain('\n        query.stop()  # <- includeRestart');
		expect(on).toContain('"20 seconds"');
		const read = paramsFromProgram(q, on, q.constrain({}).params);
		expect(read.includeRestart).toBe('on');
		expect(read.watermarkDelay).toBe(20);
		expect(q.program(q.constrain({}).params)).toBe(q.template);
	});

	it('asks two predictions, answered from the run', () => {
		const r = runPreset('append-window-test');
		const ps = kind.features.predictions!(r);
		expect(ps).toHaveLength(2);
		const [a, b] = ps;
		expect(a!.choices.find((c) => c.id === a!.answer)?.label).toBe('0 rows');
		expect(b!.choices.find((c) => c.id === b!.answer)?.label).toBe('2 batches');
	});
});
