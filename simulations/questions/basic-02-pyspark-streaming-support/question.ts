/**
 * basic-02-pyspark-streaming-support's simulation: its main program run in micro-batches (kinds/micro-batch), with the
 * parameters and presets of its page (params.ts) and the span each parameter rewrites.
 */
import { choiceParam, numberParam } from '../../core/params';
import { defineMicroBatch, literal, rewriteTrigger } from '../../kinds/micro-batch/question';
import { BASIC_02 } from './params';
import { mainProgram } from '../../core/template';
import { programs } from './program';

export const basic02StructuredStreaming = defineMicroBatch({
	template: mainProgram(programs),
	slug: 'basic-02-pyspark-streaming-support',
	schema: BASIC_02.schema,
	presets: BASIC_02.presets,
	generatorParams: ['linesPerSecond', 'wordsPerLine'],
	// The API switch, and the DStream side's own control.
	otherUrlKeys: ['api', 'totals'],
	apiNote: 'The Structured Streaming program (the main tab): a running count kept in state.',
	views: { resultTable: true, boundedTable: false },
	structural: [],
	rewrites: (params) => ({
		outputMode: literal(`"${choiceParam(params, 'outputMode')}"`),
		triggerInterval: rewriteTrigger('processingTime', numberParam(params, 'triggerInterval'))
	})
});
