/**
 * The parameters the micro-batch pages share (output mode, trigger interval, the socket's lines)
 * and the shape of their presets; each page's own table and presets are in its question folder
 * (questions/<slug>/params.ts), as QUESTIONS.md lists them. Simulation-only parameters drive the
 * simulated cluster and have no line in the program.
 */
import type { ChoiceParam, NumberParam, Preset } from '../../core/params';

export interface MicroBatchPreset extends Preset {
	/** Lines this preset types into the socket instead of generated ones (micro-batches-replays.ts). */
	readonly script?: string;
}

export const outputMode = (withAppend: boolean): ChoiceParam => ({
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

export const triggerInterval = (
	min: number,
	step: number,
	def: number,
	zeroIsDefault: boolean
): NumberParam => ({
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
