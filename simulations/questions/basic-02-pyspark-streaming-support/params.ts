/** basic-02-pyspark-streaming-support: its parameter table and presets (QUESTIONS.md), the controls its page shows. */
import type { ParamSchema } from '../../core/params';
import {
	outputMode,
	triggerInterval,
	SOCKET_PARAMS,
	type MicroBatchPreset
} from '../../kinds/micro-batch/param-specs';
import { replayScript } from '../../kinds/micro-batch/replays';

export const BASIC_02: { schema: ParamSchema; presets: readonly MicroBatchPreset[] } = {
	schema: [...SOCKET_PARAMS, triggerInterval(0.5, 0.5, 1, false), outputMode(false)],
	presets: [
		{
			id: 'input-and-result-table',
			label: 'Input and result table',
			description: 'Lines in, running word counts out.',
			params: {}
		},
		{
			id: 'update-mode',
			label: 'Update mode',
			description: 'Only the words a trigger changed leave it.',
			params: { outputMode: 'update' }
		},
		{
			id: 'guide-quick-example',
			label: 'The guide’s example',
			description:
				'The programming guide’s Quick Example: “apache spark”, then “apache hadoop” typed into nc -lk 9999. Batch 0 counts apache 1, spark 1; batch 1 apache 2, spark 1, hadoop 1.',
			// Complete mode is the guide's, and what makes batch 1 print spark too.
			params: { outputMode: 'complete' },
			script: replayScript('docs/streaming/getting-started.md, "Quick Example"'),
			reproduces: {
				origin: 'docs/streaming/getting-started.md, "Quick Example"',
				test: 'Structured Streaming guide, "Quick Example"',
				note: 'The first line is typed before the query starts, so it is waiting when the socket connects and batch 0 reads it, as the guide’s “Batch: 0” shows; the second comes in the next trigger interval. The guide sets no trigger; this page’s program keeps processingTime 1 s. Lines per second and words per line play no part: moving either goes back to generated lines.'
			}
		}
	]
};
