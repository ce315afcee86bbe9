/**
 * `query.explain()` for a test's query: the incremental plan with the physical operators Spark
 * 4.1 prints for it (a streaming aggregation is HashAggregate → StateStoreRestore → merge →
 * StateStoreSave, with an Exchange REQUIRED_BY_STATEFUL_OPERATOR; deduplication is
 * StreamingDeduplicate; withWatermark is EventTimeWatermark), the state info of each stateful
 * operator (checkpoint, operator id, version) and its output mode and watermarks. Spark's
 * expression ids, the window's timestamp arithmetic and the writer's object id are left out:
 * they name JVM objects, not what the test controls.
 */
import type { AnalyzedNode, AnalyzedQuery } from '../../structured/analyzer/types';

const iso = (ms: number) => String(ms);

interface Marks {
	readonly checkpoint: string;
	readonly version: number;
	readonly lateMs: number;
	readonly evictionMs: number;
}

function names(n: AnalyzedNode): string {
	return n.schema.map((f) => f.name).join(', ');
}

function lines(q: AnalyzedQuery, n: AnalyzedNode, m: Marks): string[] {
	const p = n.plan;
	const kid = n.children[0];
	const below = (k: AnalyzedNode | undefined) => (k ? lines(q, k, m) : []);
	switch (p.op) {
		case 'Source':
			return p.source.kind === 'readStream'
				? [`FileStreamSource ${p.source.format} [${names(n)}] ${p.source.path ?? ''}`.trimEnd()]
				: [`Scan [${names(n)}]`];
		case 'Project':
			return [`Project [${names(n)}]`, ...below(kid)];
		case 'Filter':
			return ['Filter', ...below(kid)];
		case 'EventTimeWatermark':
			return [
				`EventTimeWatermark ${p.column}: timestamp, ${p.delayMs / 1000} seconds`,
				...below(kid)
			];
		case 'Aggregate': {
			const op = q.statefulOperators.find((s) => s.nodeId === n.id);
			const keys = n.schema
				.slice(0, p.groupBy.length)
				.map((f) => f.name)
				.join(', ');
			const fns = n.schema.slice(p.groupBy.length).map((f) => f.name);
			const agg = (prefix: string) =>
				`HashAggregate(keys=[${keys}], functions=[${fns.map((f) => prefix + f).join(', ')}])`;
			if (!op) return [agg(''), ...below(kid)];
			const info = `state info [ checkpoint = file:${m.checkpoint}/state, opId = ${op.id}, ver = ${m.version}, numPartitions = ${q.conf['spark.sql.shuffle.partitions'] ?? '200'}]`;
			const mode = q.outputMode[0]?.toUpperCase() + q.outputMode.slice(1);
			return [
				agg(''),
				`StateStoreSave [${keys}], ${info}, ${mode}, ${iso(m.lateMs)}, ${iso(m.evictionMs)}, 2`,
				agg('merge_'),
				`StateStoreRestore [${keys}], ${info}, 2`,
				agg('merge_'),
				`Exchange hashpartitioning(${keys}, ${q.conf['spark.sql.shuffle.partitions'] ?? '200'}), REQUIRED_BY_STATEFUL_OPERATOR`,
				agg('partial_'),
				...below(kid)
			];
		}
		case 'Deduplicate':
			return [`StreamingDeduplicate [${names(n)}], ${m.checkpoint}/state`, ...below(kid)];
		default:
			return [p.op, ...n.children.flatMap((c) => lines(q, c, m))];
	}
}

export function explainText(
	q: AnalyzedQuery,
	checkpoint: string,
	version: number,
	watermarks: { readonly lateMs: number; readonly evictionMs: number } = {
		lateMs: 0,
		evictionMs: 0
	}
): string {
	const body = lines(q, q.root, { checkpoint, version, ...watermarks });
	const tree = body.map((l, i) => (i === 0 ? `+- ${l}` : `${'   '.repeat(i)}+- ${l}`));
	return [
		'== Physical Plan ==',
		`WriteToDataSourceV2 MicroBatchWrite[epoch: ${version}, writer: MemoryStreamingWrite]`,
		...tree
	].join('\n');
}
