/**
 * The parameters an event-time program says: its run does not report them, so they are read
 * from the marked lines of its text (../read-back.ts): edit `withWatermark(..., "20 seconds")`
 * in the editor and the delay control moves to 20.
 */
import type { Params } from '../../core/params';
import { paramsFromProgram } from '../read-back';
import type { EventTimeScenario } from './question';

export const eventTimeParamsOf = (
	question: EventTimeScenario,
	code: string,
	params: Params
): Params => paramsFromProgram(question, code, params);
