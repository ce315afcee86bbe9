/**
 * The binding of an event-time page (SIM-3/SIM-4): its program, run by the Structured Streaming
 * engine over the page's simulated Kafka topics.
 */
import type { EtRun } from '$sim/frames/event-time';
import { runEventTimeProgram } from '$sim/frames/from-structured';
import type { EventTimeScenario } from '$sim/scenarios/event-time/types';
import { defaultParams } from '$sim/scenarios/types';
import { BoundProgram } from './bound-program.svelte';

export function eventTimeSession(scenario: EventTimeScenario, seed = 1): BoundProgram<EtRun> {
	const params = scenario.constrain(defaultParams(scenario.schema)).params;
	return new BoundProgram<EtRun>({
		initialCode: scenario.program(params),
		template: scenario.template,
		initialParams: params,
		seed,
		// Choices can add or remove lines (window type, join type): re-render those from the
		// template; numbers rewrite only their literal in the user's current text.
		structural: scenario.schema.filter((p) => p.kind === 'choice').map((p) => p.id),
		run: (code, p, s, script) =>
			runEventTimeProgram(code, {
				input: scenario.input(p, s, script ?? undefined),
				kafkaValue: (e) => scenario.kafkaValue(e)
			}),
		rewrites: (p) => scenario.rewrites(p)
	});
}
