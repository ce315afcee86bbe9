/**
 * Every event-time scenario renders its program the same way: constrain the parameters, then
 * rewrite the template's marked spans (QUESTIONS.md §0.2). `defineScenario` supplies that, plain
 * schema clamping when a page has no constraints of its own, and the input of a preset whose
 * script names a replayed Spark test (spark-replays.ts), one test batch per trigger pair.
 */
import { renderProgram } from '../../core/template';
import { clampParams } from '../../core/params';
import { replayInput } from './spark-replay';
import { sparkReplay } from './spark-replays';
import type { PlannedBatch } from './engine-batches';
import type { EventTimeInput, EventTimeScenario } from './question';
import type { Params } from '../../core/params';

/** The batches the engine runs for this page's program over `input` (engine-batches.ts). */
export type BatchPlan = (input: EventTimeInput) => PlannedBatch[];

type ScenarioSpec = Omit<
	EventTimeScenario,
	'program' | 'constrain' | 'kind' | 'programId' | 'structural' | 'generatorParams' | 'input'
> &
	Partial<Pick<EventTimeScenario, 'constrain'>> & {
		/** The program's processingTime trigger: a replayed test's batches are laid on it. */
		readonly triggerMs: number;
		/** The simulated topics; `plan` runs the page's program at `params` over generated input,
		 *  for presets that script rows against where the engine puts the watermark. */
		input(
			params: Params,
			seed: number,
			script: string | undefined,
			plan: BatchPlan
		): EventTimeInput;
	};

export function defineScenario(spec: ScenarioSpec): EventTimeScenario {
	const constrain = spec.constrain ?? ((raw) => clampParams(spec.schema, raw));
	const { triggerMs, ...scenario } = spec;
	const program = (params: Params) =>
		renderProgram(spec.template, spec.rewrites(constrain(params).params));
	return {
		...scenario,
		kind: 'event-time',
		programId: 'main',
		// Choices can add or remove lines (window type, join type): re-render those from the
		// template; numbers rewrite only their literal in the user's current text.
		structural: spec.schema.filter((p) => p.kind === 'choice').map((p) => p.id),
		generatorParams: [],
		constrain,
		input: (params, seed, script, planner) => {
			const replay = sparkReplay(script);
			if (replay) return replayInput(replay, triggerMs);
			const plan: BatchPlan = (input) => {
				// Only the engine (engine.ts) generates a planned preset's input: the page asks it.
				if (!planner) throw new Error(`${spec.slug}: preset “${script}” needs the engine's plan`);
				return planner(program(params), input, spec.kafkaValue);
			};
			return spec.input(params, seed, script, plan);
		},
		program
	};
}
