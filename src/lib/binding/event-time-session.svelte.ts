/**
 * The binding of an event-time page (SIM-3/SIM-4): its program, run by the Structured Streaming
 * engine over the page's simulated Kafka topics.
 */
import type { EtRun } from '$sim/frames/event-time';
import { runEventTimeProgram } from '$sim/frames/from-structured';
import type { EventTimeScenario } from '$sim/scenarios/event-time/types';
import { defaultParams } from '$sim/scenarios/types';
import { BoundProgram } from './bound-program.svelte';
import { InputEditor } from '$lib/sim/input-edits.svelte';

/** A session whose input records the reader can edit (`inputEditorOf` finds the editor). */
export type EventTimeSession = BoundProgram<EtRun> & { readonly inputEdits: InputEditor };

export function eventTimeSession(scenario: EventTimeScenario, seed = 1): EventTimeSession {
	const params = scenario.constrain(defaultParams(scenario.schema)).params;
	// The reader's input edits survive every re-run (code, parameters, presets, seed).
	const inputEdits = new InputEditor();
	const session = new BoundProgram<EtRun>({
		initialCode: scenario.program(params),
		template: scenario.template,
		initialParams: params,
		seed,
		// Choices can add or remove lines (window type, join type): re-render those from the
		// template; numbers rewrite only their literal in the user's current text.
		structural: scenario.schema.filter((p) => p.kind === 'choice').map((p) => p.id),
		run: (code, p, s, script) =>
			runEventTimeProgram(code, {
				input: inputEdits.apply(scenario.input(p, s, script ?? undefined)),
				kafkaValue: (e) => scenario.kafkaValue(e)
			}),
		rewrites: (p) => scenario.rewrites(p)
	});
	inputEdits.attach(() => session.reseed(session.seed));
	return Object.assign(session, { inputEdits });
}
