/** basic-11-micro-batches: its parameter table and presets (QUESTIONS.md), the controls its page shows. */
import type { ParamSchema } from '../../core/params';
import { triggerInterval, type MicroBatchPreset } from '../../kinds/micro-batch/param-specs';

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
		{
			id: 'triggers',
			label: 'Fixed interval',
			description: 'processingTime 2 s: batches wait for the next tick.',
			params: {}
		},
		{
			id: 'overrun',
			label: 'Overrun',
			description: 'Batches take longer than the interval: the next starts at once.',
			params: { eventRate: 2000, perRowCost: 900 }
		},
		{
			id: 'default-trigger',
			label: 'Default trigger',
			description: 'No interval: the next batch as soon as data is there.',
			params: { triggerKind: 'default' }
		},
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
			description:
				'continuous="1 second": long-running tasks process each row as it arrives; a task failure at 9.5 s shows at-least-once.',
			params: { triggerKind: 'continuous', triggerInterval: 1, failureAt: 9.5 }
		}
	]
};
