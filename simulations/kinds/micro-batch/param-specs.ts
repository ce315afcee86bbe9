/**
 * Parameter tables and presets of the three SIM-1 pages, as QUESTIONS.md lists them (ranges,
 * defaults, which spans they rewrite). Simulation-only parameters drive the simulated cluster
 * and have no line in the program.
 */
import { replayScript } from './replays';
import type { ChoiceParam, NumberParam, ParamSchema, Preset } from '../../core/params';

export interface MicroBatchPreset extends Preset {
	/** Lines this preset types into the socket instead of generated ones (micro-batches-replays.ts). */
	readonly script?: string;
}

const outputMode = (withAppend: boolean): ChoiceParam => ({
	id: 'outputMode',
	label: 'output mode',
	kind: 'choice',
	options: [
		{ value: 'complete', label: 'complete' },
		{ value: 'update', label: 'update' },
		...(withAppend ? [{ value: 'append', label: 'append (rejected)' }] : [])
	],
	default: 'complete',
	help: 'complete: the whole result table every trigger; update: only rows this trigger changed; append: rejected for an aggregation without a watermark.'
});

const triggerInterval = (min: number, step: number, def: number, zeroIsDefault: boolean): NumberParam => ({
	id: 'triggerInterval',
	label: 'trigger interval',
	unit: 's',
	kind: 'number',
	min,
	max: 10,
	step,
	default: def,
	help: zeroIsDefault
		? 'processingTime interval; 0 removes .trigger(...) (the default trigger: next batch as soon as the previous one ends).'
		: 'processingTime interval: triggers fire at multiples of it on the clock; an overrunning batch makes the next start at once.'
});

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
		{ id: 'table-vs-stream', label: 'Table vs stream', description: 'The same count on 100 rows and on the rate stream.', params: {} },
		{ id: 'update-vs-complete', label: 'Update vs complete', description: 'Only the changed keys leave each trigger.', params: { outputMode: 'update' } },
		{ id: 'append-rejected', label: 'Append rejected', description: 'Append with an aggregation and no watermark fails analysis.', params: { outputMode: 'append' } }
	]
};

/** The socket's lines (basic-02): the Structured side and the DStream side read the same ones. */
export const SOCKET_PARAMS: readonly NumberParam[] = [
	{
		id: 'linesPerSecond',
		label: 'lines per second',
		unit: 'lines/s',
		kind: 'number',
		min: 0.2,
		max: 20,
		step: 0.1,
		default: 2,
		simulationOnly: true,
		help: 'How fast lines arrive on the socket (seeded random arrivals); both APIs read the same lines.'
	},
	{
		id: 'wordsPerLine',
		label: 'words per line',
		unit: 'words',
		kind: 'number',
		min: 1,
		max: 10,
		step: 1,
		default: 3,
		simulationOnly: true,
		help: 'Each line holds this many words from a small vocabulary.'
	}
];

export const BASIC_02: { schema: ParamSchema; presets: readonly MicroBatchPreset[] } = {
	schema: [
		...SOCKET_PARAMS,
		triggerInterval(0.5, 0.5, 1, false),
		outputMode(false)
	],
	presets: [
		{ id: 'input-and-result-table', label: 'Input and result table', description: 'Lines in, running word counts out.', params: {} },
		{ id: 'update-mode', label: 'Update mode', description: 'Only the words a trigger changed leave it.', params: { outputMode: 'update' } },
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

export const BASIC_11: { schema: ParamSchema; presets: readonly MicroBatchPreset[] } = {
	schema: [
		{
			id: 'triggerKind',
			label: 'trigger',
			kind: 'choice',
			options: [
				{ value: 'default', label: 'default (unspecified)' },
				{ value: 'processingTime', label: 'processingTime' },
				{ value: 'once', label: 'once (deprecated)' },
				{ value: 'availableNow', label: 'availableNow' },
				{ value: 'continuous', label: 'continuous (experimental)' }
			],
			default: 'processingTime',
			help: 'When batches start: back to back, on a fixed interval, one batch, all available data, or continuous processing.'
		},
		{
			...triggerInterval(0.25, 0.25, 2, false),
			help: 'processingTime: triggers fire at multiples of it on the clock (an overrunning batch makes the next start at once). continuous: the epoch (checkpoint) interval, not a batch.'
		},
		{
			id: 'eventRate',
			label: 'rows per second',
			unit: 'rows/s',
			kind: 'number',
			min: 1,
			max: 10000,
			step: 1,
			default: 100,
			help: 'The rate source’s rowsPerSecond.'
		},
		{
			id: 'numPartitions',
			label: 'source partitions',
			unit: 'partitions',
			kind: 'number',
			min: 1,
			max: 16,
			step: 1,
			default: 2,
			help: 'The rate source’s numPartitions: rows go round-robin to this many partitions, one task each.'
		},
		{
			id: 'perRowCost',
			label: 'processing cost per row',
			unit: 'µs',
			kind: 'number',
			min: 0,
			max: 1000,
			step: 10,
			default: 50,
			simulationOnly: true,
			help: 'Task time per row; a batch’s rows are spread over min(partitions, cores) parallel tasks.'
		},
		{
			id: 'fixedOverhead',
			label: 'fixed cost per batch',
			unit: 'ms',
			kind: 'number',
			min: 0,
			max: 2000,
			step: 10,
			default: 300,
			simulationOnly: true,
			help: 'Offset log, planning, task launch and commit: paid by every batch, however small.'
		},
		{
			id: 'cores',
			label: 'executor cores',
			unit: 'cores',
			kind: 'number',
			min: 1,
			max: 16,
			step: 1,
			default: 4,
			simulationOnly: true,
			help: 'Task slots: partitions beyond this run in further waves. Continuous processing needs one per partition for the whole run.'
		},
		{
			id: 'failureAt',
			label: 'task failure at (continuous)',
			unit: 's',
			kind: 'number',
			min: 0,
			max: 60,
			step: 0.5,
			default: 0,
			simulationOnly: true,
			help: 'Continuous trigger only: a task fails at this time (0: never). With no task retries the query stops; it is restarted 2 s later from the last committed epoch.'
		}
	],
	presets: [
		{ id: 'triggers', label: 'Fixed interval', description: 'processingTime 2 s: batches wait for the next tick.', params: {} },
		{ id: 'overrun', label: 'Overrun', description: 'Batches take longer than the interval: the next starts at once.', params: { eventRate: 2000, perRowCost: 900 } },
		{ id: 'default-trigger', label: 'Default trigger', description: 'No interval: the next batch as soon as data is there.', params: { triggerKind: 'default' } },
		{
			id: 'sub-second-rate',
			label: 'Sub-second trigger',
			description: 'Interval 0.25 s: the rate source still only has new rows once a second.',
			// A lighter batch, so the lesson is the idle ticks, not falling behind.
			params: { triggerInterval: 0.25, fixedOverhead: 100 }
		},
		{
			id: 'continuous-contrast',
			label: 'Continuous',
			description: 'continuous="1 second": long-running tasks process each row as it arrives; a task failure at 9.5 s shows at-least-once.',
			params: { triggerKind: 'continuous', triggerInterval: 1, failureAt: 9.5 }
		}
	]
};
