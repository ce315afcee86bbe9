/**
 * A batch (static) DataFrame's plan run once, as Spark runs a batch job: what `collect()` and
 * `count()` return on the DataFrame a foreachBatch function receives.
 */
import { analyze } from '../analyzer/index';
import type { DataType, Pos } from '../expr/ast';
import type { Plan } from '../plan';
import { fail } from '../reader/errors';
import type { Row } from '../runtime/context';
import { emptyMetrics } from '../runtime/context';
import { buildPhysicalPlan } from '../runtime/physical';

export function runBatchPlan(
	plan: Plan,
	conf: Readonly<Record<string, string>>,
	at: Pos
): { names: string[]; types: DataType[]; rows: Row[] } {
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
