import { describe, expect, it } from 'vitest';
import {
	MICRO_BATCH_SCENARIOS,
	microBatchScenario,
	program
} from '../../../simulations/kinds/micro-batch/questions';
import { clampParams, defaultParams, type ParamSchema } from '../../../simulations/core/params';
import { defaultProgram } from '../../../simulations/questions/defaults';
import { buildRun, buildTrace } from '../../../simulations/kinds/micro-batch/engine';

const schema: ParamSchema = [
	{
		id: 'rate',
		label: 'rate',
		unit: 'rows/s',
		kind: 'number',
		min: 1,
		max: 100,
		step: 1,
		default: 5,
		help: ''
	},
	{
		id: 'dt',
		label: 'interval',
		unit: 's',
		kind: 'number',
		min: 0.25,
		max: 10,
		step: 0.25,
		default: 2,
		help: ''
	},
	{
		id: 'mode',
		label: 'mode',
		kind: 'choice',
		options: [
			{ value: 'a', label: 'a' },
			{ value: 'b', label: 'b' }
		],
		default: 'a',
		help: ''
	}
];

describe('clampParams', () => {
	it('keeps valid values and fills defaults, with no notices', () => {
		expect(clampParams(schema, { rate: '7', mode: 'b' })).toEqual({
			params: { rate: 7, dt: 2, mode: 'b' },
			notices: []
		});
	});
	it('clamps out-of-range numbers and says so', () => {
		const r = clampParams(schema, { rate: 5000, dt: 0 });
		expect(r.params).toMatchObject({ rate: 100, dt: 0.25 });
		expect(r.notices).toHaveLength(2);
	});
	it('snaps to the step: 0.3 → 0.25', () => {
		expect(clampParams(schema, { dt: 0.3 }).params['dt']).toBe(0.25);
	});
	it('refuses non-numbers, unknown choices and unknown names', () => {
		const r = clampParams(schema, { rate: 'fast', mode: 'z', extra: 1 });
		expect(r.params).toMatchObject({ rate: 5, mode: 'a' });
		expect(r.notices).toHaveLength(3);
	});
});

describe('micro-batch scenarios', () => {
	for (const scenario of Object.values(MICRO_BATCH_SCENARIOS)) {
		it(`${scenario.slug}: defaults render the program exactly as written`, () => {
			expect(scenario.program(defaultParams(scenario.schema))).toBe(defaultProgram(scenario.slug));
		});
		it(`${scenario.slug}: every preset is valid and builds a run`, () => {
			for (const preset of scenario.presets) {
				const { params, notices } = clampParams(scenario.schema, {
					...defaultParams(scenario.schema),
					...preset.params
				});
				expect(notices).toEqual([]);
				const run = buildRun(scenario, params, 1, preset.script);
				if (run.kind === 'continuous')
					expect(run.trace.epochs.filter((e) => e.commitMs !== null).length).toBeGreaterThan(1);
				else expect(run.trace.error !== null || run.trace.batches.length > 1).toBe(true);
			}
		});
	}

	it('basic-11: triggerInterval 5 → processingTime="5 seconds"; 0.25 → "250 milliseconds"', () => {
		const s = microBatchScenario('basic-11-micro-batches')!;
		const at = (p: Record<string, unknown>) =>
			program(s.slug, clampParams(s.schema, { ...defaultParams(s.schema), ...p }).params);
		expect(at({ triggerInterval: 5 })).toContain(
			'.trigger(processingTime="5 seconds")  # <- triggerInterval'
		);
		expect(at({ triggerInterval: 0.25 })).toContain('.trigger(processingTime="250 milliseconds")');
		expect(at({ triggerKind: 'once' })).toContain('.trigger(once=True)');
		expect(at({ triggerKind: 'availableNow' })).toContain('.trigger(availableNow=True)');
		expect(at({ triggerKind: 'continuous', triggerInterval: 1 })).toContain(
			'.trigger(continuous="1 second")'
		);
		expect(at({ triggerKind: 'continuous', triggerInterval: 2.5 })).toContain(
			'.trigger(continuous="2500 milliseconds")'
		);
		expect(at({ triggerKind: 'default' })).not.toContain('.trigger(');
		expect(at({ eventRate: 2000, numPartitions: 8 })).toMatch(
			/"rowsPerSecond", 2000\).*\n.*"numPartitions", 8\)/
		);
	});

	it('basic-01: interval 0 drops the trigger line; numKeys and outputMode rewrite their spans', () => {
		const s = microBatchScenario('basic-01-stream-processing')!;
		const code = program(s.slug, {
			...defaultParams(s.schema),
			triggerInterval: 0,
			numKeys: 7,
			outputMode: 'update'
		});
		expect(code).not.toContain('.trigger(');
		expect(code).toContain('NUM_KEYS = 7  # <- numKeys');
		expect(code).toContain('.outputMode("update")  # <- outputMode');
	});

	it('basic-01 append-rejected: the run carries the analysis error and no batch', () => {
		const s = microBatchScenario('basic-01-stream-processing')!;
		const trace = buildTrace(s, { ...defaultParams(s.schema), outputMode: 'append' }, 1);
		expect(trace.error).toMatch(/^Append output mode not supported/);
		expect(trace.batches).toEqual([]);
	});

	it('basic-01: complete mode emits numKeys rows once every key has been seen', () => {
		const s = microBatchScenario('basic-01-stream-processing')!;
		const trace = buildTrace(s, defaultParams(s.schema), 1);
		expect(trace.batches.at(-1)?.output).toHaveLength(5);
	});

	it('basic-01 update-vs-complete: update writes fewer rows than complete (some keys unchanged)', () => {
		const s = microBatchScenario('basic-01-stream-processing')!;
		const preset = s.presets.find((p) => p.id === 'update-vs-complete')!;
		const params = { ...defaultParams(s.schema), ...preset.params };
		const update = buildTrace(s, params, 1);
		const complete = buildTrace(s, { ...params, outputMode: 'complete' }, 1);
		const rows = (t: typeof update) => t.batches.map((b) => b.output.length);
		// Once every key has been seen, complete rewrites all of them and update only the changed.
		const last = (t: typeof update) => rows(t).slice(-5);
		expect(last(complete).every((n) => n === params.numKeys)).toBe(true);
		expect(last(update).every((n) => n > 0 && n < (params.numKeys as number))).toBe(true);
	});
});
