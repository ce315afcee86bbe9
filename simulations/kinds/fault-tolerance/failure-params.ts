/**
 * The failure parameters every fault-tolerance page shares (simulation only: the program has no
 * span for them; the view's phase controls set them): which failure, in which batch. And the
 * world's failure from them.
 */
import { choiceParam, numberParam, type ParamSpec, type Params } from '../../core/params';
import type { FailurePhase } from '../../structured/failures/schedule';

export const FAILURE_PHASE_OPTIONS = [
	{ value: 'none', label: 'no failure' },
	{ value: 'beforeOffsetLog', label: 'driver dies before offsets/N' },
	{ value: 'afterOffsetLog', label: 'driver dies after offsets/N' },
	{ value: 'duringProcessing', label: 'driver dies while the batch runs' },
	{ value: 'afterSinkBeforeCommit', label: 'driver dies after the sink, before commits/N' },
	{ value: 'executorLost', label: 'an executor is lost in the batch' }
] as const;

export function failureParams(defaults: {
	phase: FailurePhase | 'none';
	batch: number;
}): ParamSpec[] {
	return [
		{
			id: 'failurePhase',
			label: 'failure',
			kind: 'choice',
			options: FAILURE_PHASE_OPTIONS,
			default: defaults.phase,
			simulationOnly: true,
			help: 'Where in the driver’s loop the failure hits: plan offsets → write offsets/N → run → write the sink → write commits/N.'
		},
		{
			id: 'failAtBatch',
			label: 'at batch',
			kind: 'number',
			unit: '',
			min: 1,
			max: 20,
			step: 1,
			default: defaults.batch,
			simulationOnly: true,
			help: 'The batch id the failure hits. After a driver failure the deployment restarts the driver 3 s later from the same checkpoint.'
		}
	];
}

/** The world's failure for these parameters (null: none). */
export function failureOf(
	params: Params
): { readonly batchId: number; readonly phase: FailurePhase } | null {
	const phase = choiceParam(params, 'failurePhase');
	return phase === 'none'
		? null
		: { batchId: numberParam(params, 'failAtBatch'), phase: phase as FailurePhase };
}
