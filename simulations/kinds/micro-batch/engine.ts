/** The micro-batch kind's engine (kind.ts loads it lazily): the page's program on the simulated
 *  cluster its parameters describe; and the page's own program run, for tests and scripts. */
import type { KindEngine } from '../kind';
import type { Params } from '../../core/params';
import type { Trace } from '../../microbatch/trace';
import type { MicroBatchScenario } from './question';
import { runMicroBatchProgram, type MicroBatchRun } from './run';

export const microBatchEngine: KindEngine<MicroBatchScenario, MicroBatchRun> = {
	run: (question, { code, params, seed, script }) =>
		runMicroBatchProgram(code, {
			cluster: question.cluster(params, seed, script),
			...(question.bounded ? { bounded: question.bounded } : {})
		})
};

/** The question's own program at these parameters, run (a failure is a bug in the question). */
export function buildRun(
	s: MicroBatchScenario,
	params: Params,
	seed: number,
	script: string | null = null
): MicroBatchRun {
	const code = s.program(params);
	const r = microBatchEngine.run(s, { code, params, seed, script, edits: [] });
	if (!r.ok) throw new Error(`${s.slug}: line ${r.error.line}: ${r.error.message}`);
	return r.value;
}

/** The same, for a micro-batch trigger: its SIM-1 trace (a continuous run is refused). */
export function buildTrace(
	s: MicroBatchScenario,
	params: Params,
	seed: number,
	script: string | null = null
): Trace {
	const r = buildRun(s, params, seed, script);
	if (r.kind === 'continuous')
		throw new Error(`${s.slug}: a continuous run has no micro-batch trace; use buildRun`);
	return r.trace;
}
