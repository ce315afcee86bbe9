/**
 * basic-01-stream-processing's simulation: its main program run in micro-batches (kinds/micro-batch), with the
 * parameters and presets of its page (params.ts) and the span each parameter rewrites.
 */
import { choiceParam, numberParam } from '../../core/params';
import {
	defineMicroBatch,
	literal,
	lastNumber,
	rewriteTrigger
} from '../../kinds/micro-batch/question';
import { BASIC_01 } from './params';
import { mainProgram } from '../../core/template';
import { programs } from './program';

export const basic01StreamProcessing = defineMicroBatch({
	template: mainProgram(programs),
	slug: 'basic-01-stream-processing',
	schema: BASIC_01.schema,
	presets: BASIC_01.presets,
	generatorParams: [],
	views: { resultTable: true, boundedTable: true },
	structural: ['triggerInterval'],
	rewrites: (params) => ({
		numKeys: lastNumber(numberParam(params, 'numKeys')),
		eventRate: lastNumber(numberParam(params, 'eventRate')),
		outputMode: literal(`"${choiceParam(params, 'outputMode')}"`),
		triggerInterval: rewriteTrigger('processingTime', numberParam(params, 'triggerInterval'))
	})
});
