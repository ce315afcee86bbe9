/**
 * What a page's question repeats whenever its parameters are spans of one program: the main
 * program's template, the clamp to the schema, the rewrites applied after that clamp, no
 * structural or generator parameters. A question spreads this and adds its kind and world, so
 * "the program at these parameters" is written once (advanced-12, basic-14, and any page whose
 * question has only these parts).
 */
import { clampParams, type ParamSchema, type Params } from '../core/params';
import {
	mainProgram,
	renderProgram,
	type ProgramTemplate,
	type SpanRewrite
} from '../core/template';
import type { SimPreset, SimQuestion } from '../kinds/kind';

export interface SpannedSpec {
	readonly slug: string;
	readonly schema: ParamSchema;
	readonly presets: readonly SimPreset[];
	readonly programs: readonly ProgramTemplate[];
	readonly openingPreset: string;
	/** Each parameter's span rewrite, from parameters already clamped to the schema. */
	rewrites(params: Params): Readonly<Record<string, SpanRewrite>>;
}

export function spannedQuestion(spec: SpannedSpec): Omit<SimQuestion, 'kind'> {
	const template = mainProgram(spec.programs);
	const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(spec.schema, raw);
	return {
		slug: spec.slug,
		programId: 'main',
		schema: spec.schema,
		presets: spec.presets,
		template,
		structural: [],
		generatorParams: [],
		openingPreset: spec.openingPreset,
		constrain,
		rewrites: (params) => spec.rewrites(params),
		program: (params) => renderProgram(template, spec.rewrites(constrain(params).params))
	};
}
