/** basic-01-stream-processing: its parameter table and presets (QUESTIONS.md), the controls its page shows. */
import type { ParamSchema } from '../../core/params';
import {
	outputMode,
	triggerInterval,
	type MicroBatchPreset
} from '../../kinds/micro-batch/param-specs';

export const BASIC_01: { schema: ParamSchema; presets: readonly MicroBatchPreset[] } = {
	schema: [
		{
			id: 'eventRate',
			label: 'rows per second',
			unit: 'rows/s',
			kind: 'number',
			min: 1,
			max: 1000,
			step: 1,
			default: 5,
			help: 'The rate source’s rowsPerSecond; value counts up 0, 1, 2, …'
		},
		{
			id: 'numKeys',
			label: 'distinct keys',
			unit: 'keys',
			kind: 'number',
			min: 1,
			max: 20,
			step: 1,
			default: 5,
			help: 'NUM_KEYS: rows are grouped by value % NUM_KEYS, so the state holds this many counters.'
		},
		triggerInterval(0, 0.5, 2, true),
		outputMode(true)
	],
	presets: [
		{
			id: 'table-vs-stream',
			label: 'Table vs stream',
			description: 'The same count on 100 rows and on the rate stream.',
			params: {}
		},
		{
			id: 'update-vs-complete',
			label: 'Update vs complete',
			// 2 rows/s over 10 keys: a batch touches a few keys, so update writes fewer rows than
			// complete (at 5 rows/s over 5 keys every key changed every batch: no difference).
			description:
				'2 rows a second over 10 keys: update writes only the keys a batch changed; complete rewrites all 10 every time.',
			params: { outputMode: 'update', eventRate: 2, numKeys: 10 }
		},
		{
			id: 'append-rejected',
			label: 'Append rejected',
			description: 'Append with an aggregation and no watermark fails analysis.',
			params: { outputMode: 'append' }
		}
	]
};

/** The socket's lines (basic-02): the Structured side and the DStream side read the same ones. */
