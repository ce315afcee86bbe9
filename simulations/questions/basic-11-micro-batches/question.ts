/**
 * basic-11-micro-batches's simulation: its main program run in micro-batches (kinds/micro-batch), with the
 * parameters and presets of its page (params.ts) and the span each parameter rewrites.
 */
import { choiceParam, numberParam } from '../../core/params';
import { defineMicroBatch, lastNumber, rewriteTrigger } from '../../kinds/micro-batch/question';
import { BASIC_11 } from './params';
import { mainProgram } from '../../core/template';
import { programs } from './program';

export const basic11MicroBatches = defineMicroBatch({
	template: mainProgram(programs),
	slug: 'basic-11-micro-batches',
	schema: BASIC_11.schema,
	presets: BASIC_11.presets,
	generatorParams: [],
	views: { resultTable: false, boundedTable: false },
	structural: ['triggerKind', 'triggerInterval'],
	rewrites: (params) => ({
		eventRate: lastNumber(numberParam(params, 'eventRate')),
		numPartitions: lastNumber(numberParam(params, 'numPartitions')),
		triggerInterval: rewriteTrigger(
			choiceParam(params, 'triggerKind'),
			numberParam(params, 'triggerInterval')
		)
	})
});
