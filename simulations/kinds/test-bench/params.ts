/** The parameters the program says: read back from its marked lines (../read-back.ts). */
import type { Params } from '../../core/params';
import { paramsFromProgram } from '../read-back';
import type { TestBenchQuestion } from './question';

export const testBenchParamsOf = (
	question: TestBenchQuestion,
	code: string,
	params: Params
): Params => paramsFromProgram(question, code, params);
