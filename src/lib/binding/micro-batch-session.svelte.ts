/**
 * The binding of a micro-batch page (SIM-1): its program, read by the Structured Streaming
 * engine for the source, trigger and output mode, timed by the micro-batch loop, with each
 * batch's rows run through the user's query. A query Spark's analyzer rejects is still a run
 * (no batch; the panel shows the AnalysisException), and the editor marks it too.
 */
import type { MicroBatchRun } from '$sim/frames/micro-batch-run';
import type { MicroBatchScenario } from '$sim/scenarios/micro-batches';
import { defaultParams } from '$sim/scenarios/types';
import type { Diagnostic } from '$lib/editor/types';
import { BoundProgram, toDiagnostic } from './bound-program.svelte';

export type MicroBatchSession = BoundProgram<MicroBatchRun>;

export function microBatchSession(scenario: MicroBatchScenario, seed = 1): MicroBatchSession {
	const params = defaultParams(scenario.schema);
	return new BoundProgram<MicroBatchRun>({
		initialCode: scenario.program(params),
		template: scenario.template,
		initialParams: params,
		seed,
		// The trigger choices add or remove the `.trigger(...)` line.
		structural: scenario.structural,
		// A preset's script types a Spark test's lines into the socket (micro-batches-replays.ts).
		run: (code, p, s, script) => scenario.run(code, p, s, script),
		rewrites: (p) => scenario.rewrites(p)
	});
}

/** The editor's markers: a program the engine cannot run, else the analyzer's rejection. */
export function microBatchDiagnostics(session: MicroBatchSession): Diagnostic[] {
	if (session.error) return session.diagnostics;
	const rejected = session.run?.rejection;
	return rejected ? [toDiagnostic(rejected)] : [];
}
