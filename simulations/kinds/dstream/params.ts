/**
 * The parameters a DStream program says: read from the marked lines of its text
 * (../read-back.ts): edit `StreamingContext(sc, 2)` and the batch interval control moves to 2.
 */
import type { Params } from '../../core/params';
import { paramsFromProgram } from '../read-back';
import type { DStreamScenario } from './question';

export const dstreamParamsOf = (question: DStreamScenario, code: string, params: Params): Params =>
	paramsFromProgram(question, code, params);
