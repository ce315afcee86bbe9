/** The parameters the program says: read back from its marked lines (../read-back.ts). */
import type { Params } from '../../core/params';
import { paramsFromProgram } from '../read-back';
import type { SchemaEvolutionQuestion } from './question';

export const schemaEvolutionParamsOf = (
	question: SchemaEvolutionQuestion,
	code: string,
	params: Params
): Params => paramsFromProgram(question, code, params);
