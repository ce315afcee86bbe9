/**
 * The parameters a micro-batch program says: its run reports the source, trigger and output mode
 * the program set (question.ts `paramsOf`), so an edited `rowsPerSecond`, trigger or output mode
 * moves its control; the other marked lines (`NUM_KEYS = 5`) are read from the text
 * (../read-back.ts). What the run reports wins.
 */
import type { Params } from '../../core/params';
import { paramsFromProgram } from '../read-back';
import type { MicroBatchScenario } from './question';
import type { MicroBatchRun } from './run';

export function microBatchParamsOf(
	question: MicroBatchScenario,
	code: string,
	run: MicroBatchRun | null,
	params: Params
): Params {
	const read = paramsFromProgram(question, code, params);
	// A program that did not run reports nothing: its text alone says the values.
	const next = run ? question.paramsOf(run, read) : read;
	return Object.keys(next).some((k) => next[k] !== params[k]) ? next : params;
}
