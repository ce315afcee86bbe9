/**
 * The analyzer's entry point: a Query read from a program → an AnalyzedQuery the executor runs,
 * or Spark's AnalysisException text located in the program. It resolves every node
 * (resolve.ts), lists the stateful operators (stateful.ts) and applies Spark's streaming checks
 * (checks.ts). It never throws: an internal bug becomes a located error too.
 */
import { userMessage, type Result } from '../../core/errors';
import type { Query } from '../plan';
import { checkQuery } from './checks';
import { AnalysisFailure } from './failure';
import { Resolver } from './resolve';
import { collectStateful } from './stateful';
import type { AnalysisError, AnalyzedNode, AnalyzedQuery, WatermarkDef } from './types';

export type * from './types';
export { Resolver } from './resolve';
export { AnalysisFailure } from './failure';
export { planTag } from './tags';
export { conjuncts, joinInfo, sideOf } from './join';

/** Spark's defaults for the confs the engine reads (SPARK-SEMANTICS §0). */
export const DEFAULT_CONF: Readonly<Record<string, string>> = {
	'spark.sql.streaming.multipleWatermarkPolicy': 'min',
	'spark.sql.shuffle.partitions': '200',
	'spark.sql.streaming.statefulOperator.allowMultiple': 'true',
	'spark.sql.streaming.noDataMicroBatches.enabled': 'true',
	'spark.sql.streaming.statefulOperator.checkCorrectness.enabled': 'true'
};

function sourcesOf(n: AnalyzedNode, out: AnalyzedNode[] = []): AnalyzedNode[] {
	for (const c of n.children) sourcesOf(c, out);
	if (n.plan.op === 'Source' && !out.includes(n)) out.push(n);
	return out;
}

function watermarksOf(n: AnalyzedNode, out: WatermarkDef[] = []): WatermarkDef[] {
	for (const c of n.children) watermarksOf(c, out);
	if (n.plan.op === 'EventTimeWatermark' && !out.some((w) => w.nodeId === n.id))
		out.push({
			nodeId: n.id,
			column: n.plan.column,
			delayMs: n.plan.delayMs,
			sourceIds: sourcesOf(n).flatMap((s) => (s.plan.op === 'Source' ? [s.plan.id] : [])),
			at: n.plan.at
		});
	return out;
}

function located(e: AnalysisFailure): AnalysisError {
	return {
		line: Math.max(1, e.at.line),
		column: Math.max(1, e.at.column),
		message: e.message,
		...(e.errorClass ? { errorClass: e.errorClass } : {}),
		...(e.supported ? { supported: e.supported } : {}),
		...(e.firstBatch ? { firstBatch: true } : {})
	};
}

/** `batch`: a batch job (an action such as `collect()` on a static DataFrame): the plan is
 *  resolved, but the streaming query checks do not apply. */
export function analyze(query: Query, batch = false): Result<AnalyzedQuery, AnalysisError> {
	try {
		const conf = { ...DEFAULT_CONF, ...query.conf };
		const root = new Resolver().resolve(query.plan);
		const { ops } = collectStateful(root);
		if (!batch) checkQuery(root, query.write, conf, ops);
		const sources = sourcesOf(root)
			.filter((s) => s.streaming)
			.sort((a, b) =>
				a.plan.op === 'Source' && b.plan.op === 'Source' ? a.plan.id - b.plan.id : 0
			);
		const value: AnalyzedQuery = {
			root,
			statefulOperators: ops,
			watermarks: watermarksOf(root),
			sources,
			outputMode: query.write.outputMode,
			trigger: query.write.trigger,
			write: query.write,
			conf,
			schema: root.schema,
			spans: query.spans ?? []
		};
		return { ok: true, value };
	} catch (e) {
		if (e instanceof AnalysisFailure) return { ok: false, error: located(e) };
		const at = query.write.at;
		const message = userMessage(e);
		return {
			ok: false,
			error: { line: Math.max(1, at.line), column: Math.max(1, at.column), message }
		};
	}
}
