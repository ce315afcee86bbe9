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

/** A crash the page injects (simulation only): `none`, or the batch after whose sink write the
 *  driver dies, before commits/N. */
export const crashAtBatchParam = (
	lastBatch: number,
	def: string,
	label: string,
	help: string
): ParamSpec => ({
	id: 'crashAtBatch',
	label,
	kind: 'choice',
	options: ['none', ...Array.from({ length: lastBatch }, (_, i) => String(i + 1))].map((v) => ({
		value: v,
		label: v === 'none' ? 'no crash' : `batch ${v}`
	})),
	default: def,
	simulationOnly: true,
	help
});
