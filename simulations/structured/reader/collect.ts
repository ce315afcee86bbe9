/**
 * Actions on a batch (static) DataFrame: `collect()` and `count()` run its plan once, as Spark
 * runs a batch job. A foreachBatch function gets each micro-batch as such a DataFrame (its rows
 * are the batch's output), so `batch_df.collect()`, `batch_df.selectExpr(...).collect()` and
 * `batch_df.count()` return what Spark's would: Rows with attribute and index access.
 */
import { analyze } from '../analyzer/index';
import { NOT_LOADED, pythonStateSupport } from '../python-state-support';
import type { Plan } from '../plan';
import { buildPhysicalPlan } from '../runtime/physical';
import type { Row } from '../runtime/context';
import { emptyMetrics } from '../runtime/context';
import type { PyValue as Py } from '../../python/values';
import { fail } from './errors';
import type { Pos } from '../expr/ast';

export function runBatchPlan(
	plan: Plan,
	conf: Readonly<Record<string, string>>,
	at: Pos
): { names: string[]; types: import('../expr/ast').DataType[]; rows: Row[] } {
	const analyzed = analyze(
		{
			plan,
			write: {
				outputMode: 'append',
				trigger: { kind: 'default' },
				format: 'memory',
				options: {},
				at
			},
			conf
		},
		true
	);
	if (!analyzed.ok) return fail(at, analyzed.error.message);
	const q = analyzed.value;
	const physical = buildPhysicalPlan(q);
	const rows = physical.root.exec({
		batchId: 0,
		input: new Map(),
		stats: new Map(),
		lateWatermarkMs: 0,
		evictionWatermarkMs: 0,
		metrics: q.statefulOperators.map(() => emptyMetrics())
	});
	return { names: q.schema.map((f) => f.name), types: q.schema.map((f) => f.type), rows };
}

/** `df.collect()`: a Python list of Rows (when arbitrary state in Python is loaded). */
export function collectRows(plan: Plan, conf: Readonly<Record<string, string>>, at: Pos): Py[] {
	const support = pythonStateSupport();
	if (!support) return fail(at, `\`collect()\` is not available here: ${NOT_LOADED}`);
	return support.collect(plan, conf, at);
}
