/**
 * The parameters a micro-batch program says: its run reports the source, trigger and output mode
 * the program set (question.ts `paramsOf`), so an edited `rowsPerSecond`, trigger or output mode
 * moves its control.
 */
import type { Params } from '../../core/params';
import type { MicroBatchScenario } from './question';
import type { MicroBatchRun } from './run';

export const microBatchParamsOf = (question: MicroBatchScenario, run: MicroBatchRun, params: Params): Params =>
	question.paramsOf(run, params);
