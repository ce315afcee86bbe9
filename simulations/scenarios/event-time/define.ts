/**
 * Every event-time scenario renders its program the same way: constrain the parameters, then
 * rewrite the template's marked spans (QUESTIONS.md §0.2). `defineScenario` supplies that, and
 * plain schema clamping when a page has no constraints of its own.
 */
import { renderProgram } from '../../programs/template';
import { clampParams } from '../types';
import type { EventTimeScenario } from './types';

type ScenarioSpec = Omit<EventTimeScenario, 'program' | 'constrain'> &
	Partial<Pick<EventTimeScenario, 'constrain'>>;

export function defineScenario(spec: ScenarioSpec): EventTimeScenario {
	const constrain = spec.constrain ?? ((raw) => clampParams(spec.schema, raw));
	return {
		...spec,
		constrain,
		program: (params) => renderProgram(spec.template, spec.rewrites(constrain(params).params))
	};
}
