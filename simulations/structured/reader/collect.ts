/**
 * Actions on a batch (static) DataFrame: `collect()` and `count()` run its plan once, as Spark
 * runs a batch job. A foreachBatch function gets each micro-batch as such a DataFrame (its rows
 * are the batch's output), so `batch_df.collect()`, `batch_df.selectExpr(...).collect()` and
 * `batch_df.count()` return what Spark's would: Rows with attribute and index access.
 */
import { NOT_LOADED, pythonStateSupport } from '../python-state-support';
import type { Plan } from '../plan';
import type { PyValue as Py } from '../../python/values';
import { fail } from './errors';
import type { Pos } from '../expr/ast';

/** `df.collect()`: a Python list of Rows (when arbitrary state in Python is loaded). */
export function collectRows(plan: Plan, conf: Readonly<Record<string, string>>, at: Pos): Py[] {
	const support = pythonStateSupport();
	if (!support) return fail(at, `\`collect()\` is not available here: ${NOT_LOADED}`);
	return support.collect(plan, conf, at);
}
