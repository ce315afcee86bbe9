/**
 * advanced-12 (testing and debugging): the page's program is a pytest module; the test bench
 * runs its test on the engine step by step. The parameters are spans of the module: the
 * watermark delay and window length of the logic under test, the output mode the test's query
 * writes in, and a restart between the two steps (two commented lines the control uncomments).
 * Presets tell QUESTIONS.md's stories: the passing append test, the same test failing when the
 * delay grows (its expectation did not move with it), a restart on the memory sink, update mode.
 */
import { choiceSpec, numberParam, type ParamSchema, type Params } from '../../core/params';
import type { SpanRewrite } from '../../core/template';
import { duration, lastString } from '../../kinds/event-time/spans';
import type { SimPreset } from '../../kinds/kind';
import type { TestBenchQuestion } from '../../kinds/test-bench/question';
import { programs } from './program';
import { spannedQuestion } from '../spanned-question';

const schema: ParamSchema = [
	{
		id: 'watermarkDelay',
		label: 'watermark delay',
		kind: 'number',
		unit: 's',
		min: 0,
		max: 60,
		step: 5,
		default: 10,
		help: 'withWatermark’s delay in the logic under test: a window is final once the latest event time minus this passes its end.'
	},
	{
		id: 'windowLength',
		label: 'window length',
		kind: 'number',
		unit: 's',
		min: 5,
		max: 60,
		step: 5,
		default: 10,
		help: 'The tumbling window the logic counts events in.'
	},
	choiceSpec(
		'outputMode',
		'output mode',
		[
			['append', 'append'],
			['update', 'update']
		],
		'Append writes a window once, when it is final; update writes its count every batch it changes.'
	),
	choiceSpec(
		'includeRestart',
		'restart between the steps',
		[
			['off', 'off'],
			['on', 'on']
		],
		'Stops the query after step 1 and starts it again on the same checkpoint (the two commented lines in the test).'
	)
];

const presets: readonly SimPreset[] = [
	{
		id: 'append-window-test',
		label: 'A passing window test',
		description:
			'Step 1 adds two events at 00:00:01 and 00:00:04 and expects nothing: the window [00:00:00, 00:00:10) is open. Step 2 adds one at 00:00:25; processAllAvailable runs two batches, the second with no data, and the closed window (d1, 2) is there. Both asserts pass.',
		params: {}
	},
	{
		id: 'failing-expectation',
		label: 'The delay moves, the expectation does not',
		description:
			'The same test with a 20 s watermark delay: after step 2 the watermark is 00:00:05, short of the window’s end at 00:00:10, so the memory table is still empty and the second assert fails. The diff shows the expected row missing.',
		params: { watermarkDelay: 20 }
	},
	{
		id: 'restart-step',
		label: 'Restart between the steps',
		description:
			'The test stops the query after step 1 and starts it again on the same checkpoint. Spark refuses: a memory sink recovers from a checkpoint only in complete mode. The test fails at the restart with Spark’s AnalysisException.',
		params: { includeRestart: 'on' }
	},
	{
		id: 'update-mode-test',
		label: 'The same test in update mode',
		description:
			'In update mode the open window’s count is written in the first batch, so step 1’s “expect nothing” fails: the table already holds (d1, 2). An update-mode test expects every change, not only final windows.',
		params: { outputMode: 'update' }
	}
];

/** The restart lines are in the test either way: commented out when off. */
const restart =
	(on: boolean): SpanRewrite =>
	(line) => {
		const m = /^(\s*)(?:# )?(.*)$/.exec(line);
		const indent = m?.[1] ?? '';
		const body = m?.[2] ?? line.trim();
		return on ? `${indent}${body}` : `${indent}# ${body}`;
	};

const rewrites = (params: Params) => ({
	watermarkDelay: duration(numberParam(params, 'watermarkDelay')),
	windowLength: duration(numberParam(params, 'windowLength')),
	outputMode: lastString(String(params.outputMode)),
	includeRestart: restart(params.includeRestart === 'on')
});

export const advanced12Testing: TestBenchQuestion = {
	...spannedQuestion({
		slug: 'advanced-12-testing-debugging',
		schema,
		presets,
		programs,
		openingPreset: 'append-window-test',
		rewrites
	}),
	kind: 'test-bench'
};
