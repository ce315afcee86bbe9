/**
 * Calls a program's foreachBatch function as Spark's ForeachBatchSink does: with the batch as a
 * batch DataFrame (a bound source holding the batch's rows, the query's output schema) and its
 * id. A Python exception from the function is wrapped as StreamExecution wraps it
 * (PythonForeachBatchHelper): FOREACH_BATCH_USER_FUNCTION_ERROR with the Python error as reason.
 */
import { PyException, asPyException } from '../../python/errors';
import type { PyFunction } from '../../python/values';
import type { StructField } from '../expr/ast';
import type { WriteSpec } from '../plan';
import type { Row } from '../runtime/context';
import type { ProgramEnv } from './index';

export function callForeachBatch(
	query: { readonly schema: readonly StructField[]; readonly write: WriteSpec },
	env: ProgramEnv,
	fn: PyFunction,
	batchId: number,
	rows: readonly Row[]
): void {
	const toPython = env.toPython;
	if (!toPython) throw new Error('the program environment has no Python bridge');
	const df = toPython({
		t: 'df',
		plan: {
			op: 'Source',
			id: -1,
			source: { kind: 'bound', name: 'batch_df' },
			schema: query.schema,
			streaming: false,
			data: { rows },
			at: query.write.at
		}
	});
	try {
		fn.invoke([df, batchId], new Map());
	} catch (e) {
		const x = asPyException(e);
		if (!(x instanceof PyException) || x.pyType === 'InternalError') throw e;
		throw new Error(
			`[FOREACH_BATCH_USER_FUNCTION_ERROR] An error occurred in the user provided function in foreach batch sink. Reason: ${x.pyType}: ${x.message}`,
			{ cause: e }
		);
	}
}
