/**
 * Parameter rows several event-time pages share: the output mode (SPARK-SEMANTICS R4: append
 * emits a window once the watermark passes its end, update re-emits changed rows, complete keeps
 * and emits everything) and durations in seconds.
 */
import type { ChoiceParam, NumberParam } from '../../core/params';

export const outputModeParam = (def: 'append' | 'update' | 'complete'): ChoiceParam => ({
	id: 'outputMode',
	label: 'output mode',
	kind: 'choice',
	options: [
		{ value: 'append', label: 'append' },
		{ value: 'update', label: 'update' },
		{ value: 'complete', label: 'complete' }
	],
	default: def,
	help: 'append: each window once, after the watermark passes its end; update: the windows that changed this batch; complete: every window, every batch, and nothing is ever dropped.'
});

export const seconds = (
	id: string,
	label: string,
	range: readonly [number, number],
	def: number,
	help: string,
	simulationOnly = false
): NumberParam => ({
	id,
	label,
	kind: 'number',
	unit: 's',
	min: range[0],
	max: range[1],
	step: 1,
	default: def,
	help,
	...(simulationOnly ? { simulationOnly } : {})
});

export const percent = (
	id: string,
	label: string,
	max: number,
	def: number,
	help: string
): NumberParam => ({
	id,
	label,
	kind: 'number',
	unit: '%',
	min: 0,
	max,
	step: 1,
	default: def,
	help,
	simulationOnly: true
});
