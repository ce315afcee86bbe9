/** The parameters the program says: read back from its marked lines (../read-back.ts). */
import type { ParamSpec, Params } from '../../core/params';
import { paramsFromProgram } from '../read-back';
import { seconds } from '../event-time/param-specs';
import type { SourceSinkQuestion } from './question';

export const sourceSinkParamsOf = (
	question: SourceSinkQuestion,
	code: string,
	params: Params
): Params => paramsFromProgram(question, code, params);

/** The trigger interval every sources-and-sinks page offers (`.trigger(processingTime=...)`). */
export const triggerIntervalParam = (defaultSeconds: number): ParamSpec =>
	seconds(
		'triggerInterval',
		'trigger interval',
		[1, 10],
		defaultSeconds,
		'A micro-batch starts every this many seconds.'
	);
