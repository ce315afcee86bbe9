/** The event-time kind's engine (kind.ts loads it lazily): the page's program run by the
 *  Structured Streaming engine over the question's simulated topics, with the reader's edits. */
import type { KindEngine } from '../kind';
import { applyInputEdits } from '../input-edits';
import { engineBatches } from './engine-batches';
import type { EtRun } from './frames';
import type { EventTimeScenario } from './question';
import { runEventTimeProgram } from './run';

export const eventTimeEngine: KindEngine<EventTimeScenario, EtRun> = {
	run(question, { code, params, seed, script, edits }) {
		const generated = question.input(params, seed, script ?? undefined, engineBatches);
		const input = edits.length === 0 ? generated : applyInputEdits(generated, edits).input;
		return runEventTimeProgram(code, { input, kafkaValue: (e) => question.kafkaValue(e) });
	},
	input: (question, params, seed, script) =>
		question.input(params, seed, script ?? undefined, engineBatches)
};
