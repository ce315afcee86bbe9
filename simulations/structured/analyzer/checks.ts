/**
 * Spark's streaming plan checks, with Spark's messages: UnsupportedOperationChecker
 * (`checkForStreaming`: output modes vs aggregations, sort, limit, distinct aggregates, joins,
 * dropDuplicatesWithinWatermark, session windows, the global-watermark correctness check), the
 * watermark re-definition check of WatermarkPropagator, and the planner's rejection of a
 * stream-stream join without equality (StreamingJoinStrategy). SPARK-SEMANTICS R4.2, R5.3, R5.4, R5.7.
 */
import type { Expr, Pos } from '../expr/ast';
import type { OutputMode, Plan, WriteSpec } from '../plan';
import { pathOption, sinkKindOf, unsupportedDataSourceModeText } from '../../sinks/sink-kind';
import { some } from './exprs';
import { reject, rejectAtFirstBatch } from './failure';
import { hasRangeCondition, joinInfo, watermarkInJoinKeys } from './join';
import type { AnalyzedNode, EventTimeColumn, StatefulOperator } from './types';

const MODE_NAME: Readonly<Record<OutputMode, string>> = {
	append: 'Append',
	update: 'Update',
	complete: 'Complete'
};
const JOIN_NAME: Readonly<Record<string, string>> = {
	inner: 'Inner',
	left_outer: 'LeftOuter',
	right_outer: 'RightOuter',
	full_outer: 'FullOuter',
	left_semi: 'LeftSemi',
	left_anti: 'LeftAnti',
	cross: 'Cross'
};

const CORRECTNESS =
	'Detected pattern of possible \'correctness\' issue due to global watermark. The query contains stateful operation which can emit rows older than the current watermark plus allowed late record delay, which are "late rows" in downstream stateful operations and these rows can be discarded. Please refer the programming guide doc for more details. If you understand the possible risk of correctness issue and still need to run the query, you can disable this check by setting the config `spark.sql.streaming.statefulOperator.checkCorrectness.enabled` to false.';

function walk(n: AnalyzedNode, f: (n: AnalyzedNode) => void): void {
	for (const c of n.children) walk(c, f);
	f(n);
}

const below = (n: AnalyzedNode, p: (x: AnalyzedNode) => boolean): boolean =>
	n.children.some((c) => p(c) || below(c, p));

const isWatermark = (n: AnalyzedNode): boolean => n.plan.op === 'EventTimeWatermark';

const isStreamingAgg = (n: AnalyzedNode): boolean => n.plan.op === 'Aggregate' && n.streaming;

/** Every check, start-time ones first: a query Spark refuses at start() never reaches the
 *  first-batch checks. */
export function checkQuery(
	root: AnalyzedNode,
	write: WriteSpec,
	conf: Readonly<Record<string, string>>,
	ops: readonly StatefulOperator[]
): void {
	checkAtStart(root, write, conf, ops);
	checkAtFirstBatch(root, conf, ops);
}

/** UnsupportedOperationChecker.checkForStreaming and the sink / conf checks of start(). */
function checkAtStart(
	root: AnalyzedNode,
	write: WriteSpec,
	conf: Readonly<Record<string, string>>,
	ops: readonly StatefulOperator[]
): void {
	const mode = write.outputMode;
	const modeAt: Pos = write.outputModeAt ?? write.at;
	// DataStreamWriter.startInternal refuses a file sink's mode (DataSource.createSink, Spark 4.1's
	// STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE text) before the plan's output-mode checks run.
	// Its other sink checks (memory's queryName, a file sink's path, which Spark makes before the
	// mode) are the sink factory's, when a run creates the sink (sinks/sink-factory.ts).
	if (
		sinkKindOf(write.format) === 'file' &&
		pathOption(write.options) !== undefined &&
		mode !== 'append'
	)
		reject(modeAt, unsupportedDataSourceModeText(write.format, mode));
	if (!root.streaming)
		reject(
			write.at,
			'Queries without streaming sources cannot be executed with writeStream.start()'
		);

	const aggs: AnalyzedNode[] = [];
	walk(root, (n) => isStreamingAgg(n) && aggs.push(n));
	const aggOps = ops.filter((o) => o.kind === 'aggregate' || o.kind === 'session');

	if (mode === 'complete' && aggs.length === 0)
		reject(
			modeAt,
			'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets',
			'_LEGACY_ERROR_TEMP_3102'
		);
	if (mode === 'append')
		for (const o of aggOps)
			if (!o.eventTimeKey)
				reject(
					modeAt,
					'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark',
					'_LEGACY_ERROR_TEMP_3102'
				);

	walk(root, (n) => checkNode(n, mode));

	if (mode === 'update' && ops.some((o) => o.kind === 'session'))
		reject(
			modeAt,
			'Update output mode not supported for session window on streaming DataFrames/DataSets'
		);

	// A stateful operator downstream of an aggregation that may emit late rows (R5.7).
	const checkCorrectness = conf['spark.sql.streaming.statefulOperator.checkCorrectness.enabled'];
	if (mode !== 'append' && checkCorrectness !== 'false')
		walk(root, (n) => {
			const op = ops.find((o) => o.nodeId === n.id);
			if (!op || (op.kind === 'dedup' && !op.eventTimeKey)) return;
			if (below(n, isStreamingAgg)) reject(n.plan.at, CORRECTNESS);
		});

	const policy = conf['spark.sql.streaming.multipleWatermarkPolicy'];
	if (policy !== undefined && !['min', 'max'].includes(policy.toLowerCase()))
		reject(
			write.at,
			"Invalid value for 'spark.sql.streaming.multipleWatermarkPolicy'. Valid values are 'min' and 'max'"
		);

	if (write.trigger.kind === 'continuous') checkContinuous(root);
}

/** What Spark only finds planning batch 0: WatermarkPropagator's re-definition check, the
 *  session-window aggregation planner, StreamingJoinStrategy's equi-join requirement. */
function checkAtFirstBatch(
	root: AnalyzedNode,
	conf: Readonly<Record<string, string>>,
	ops: readonly StatefulOperator[]
): void {
	if (conf['spark.sql.streaming.statefulOperator.allowMultiple'] !== 'false')
		walk(root, (n) => {
			if (isWatermark(n) && n.streaming && below(n, isWatermark))
				rejectAtFirstBatch(
					n.plan.at,
					"Redefining watermark is disallowed. You can set the config 'spark.sql.streaming.statefulOperator.allowMultiple' to 'false' to restore the previous behavior. Note that multiple stateful operators will be disallowed."
				);
		});
	if (conf['spark.sql.streaming.statefulOperator.allowMultiple'] !== 'false')
		for (const o of ops) checkOneEventTimeColumn(o);
	for (const o of ops) {
		if (o.kind === 'session' && o.groupBy && o.groupBy.length <= 1)
			rejectAtFirstBatch(
				o.at,
				'Global aggregation with session window in streaming query is not supported.'
			);
		if (o.kind === 'join' && o.join && o.join.leftKeys.length === 0)
			rejectAtFirstBatch(o.at, 'Stream-stream join without equality predicate is not supported');
	}
}

/** WatermarkSupport.findEventTimeColumn(input, allowMultipleEventTimeColumns = false), which a
 *  stream-stream join calls on each side's input when it runs (OneSideHashJoiner): a side
 *  carrying two distinct event-time columns, e.g. a watermarked timestamp and a window computed
 *  from it, fails the first batch. Spark compares attribute ids; columns of one name here stand
 *  for one attribute selected twice, which Spark allows. Found by the oracle's differential
 *  tester (Spark failed, the engine joined). A deduplication over the same two columns runs on
 *  Spark (checked on PySpark 4.1.4), so only joins are checked. */
function checkOneEventTimeColumn(o: StatefulOperator): void {
	const inputs: (readonly EventTimeColumn[])[] = [];
	if (o.kind === 'join' && o.join) inputs.push(o.join.leftEventTime, o.join.rightEventTime);
	for (const cols of inputs) {
		const names = [...new Set(cols.map((c) => c.name))];
		if (names.length > 1)
			rejectAtFirstBatch(
				o.at,
				`More than one event time columns are available. Please ensure there is at most one event time column per stream. event time columns: (${names.join(',')}).`
			);
	}
}

function checkNode(n: AnalyzedNode, mode: OutputMode): void {
	const p: Plan = n.plan;
	if (!n.streaming) return;
	switch (p.op) {
		case 'Aggregate':
			if (
				p.aggregates.some((e) =>
					some(e, (x) => x.kind === 'agg' && x.distinct && x.fn !== 'approx_count_distinct')
				)
			)
				reject(
					p.at,
					'Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.',
					'_LEGACY_ERROR_TEMP_3102'
				);
			return;
		case 'Sort':
			if (!(mode === 'complete' && below(n, isStreamingAgg)))
				reject(
					p.at,
					'Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode',
					'_LEGACY_ERROR_TEMP_3102'
				);
			return;
		case 'Limit':
			if (mode === 'update')
				reject(
					p.at,
					'Limits are not supported on streaming DataFrames/Datasets in Update output mode',
					'_LEGACY_ERROR_TEMP_3102'
				);
			return;
		case 'Deduplicate':
			if (p.withinWatermark && (n.children[0]?.eventTime.length ?? 0) === 0)
				reject(
					p.at,
					'dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark',
					'_LEGACY_ERROR_TEMP_3102'
				);
			return;
		case 'Union':
			if (n.children.some((c) => !c.streaming))
				reject(
					p.at,
					'Union between streaming and batch DataFrames/Datasets is not supported',
					'_LEGACY_ERROR_TEMP_3102'
				);
			return;
		case 'Join':
			return checkJoin(n as AnalyzedNode & { plan: Plan & { op: 'Join' } }, mode);
		default:
			return;
	}
}

function checkJoin(n: AnalyzedNode & { plan: Plan & { op: 'Join' } }, mode: OutputMode): void {
	const [l, r] = n.children as [AnalyzedNode, AnalyzedNode];
	const p = n.plan;
	const t = p.joinType;
	if (l.streaming && r.streaming) {
		if (mode !== 'append')
			reject(
				p.at,
				`Join between two streaming DataFrames/Datasets is not supported in ${MODE_NAME[mode]} output mode, only in Append output mode`,
				'_LEGACY_ERROR_TEMP_3102'
			);
		if (t === 'left_anti')
			reject(
				p.at,
				'LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported',
				'_LEGACY_ERROR_TEMP_3102'
			);
		if (t === 'inner' || t === 'cross') return;
		const info = joinInfo(n);
		const inKeys = watermarkInJoinKeys(info, l, r);
		const ok = (s: 'left' | 'right'): boolean => hasRangeCondition(info, s, l, r);
		const fine =
			inKeys ||
			(t === 'left_outer' && ok('left')) ||
			(t === 'left_semi' && ok('left')) ||
			(t === 'right_outer' && ok('right')) ||
			(t === 'full_outer' && ok('left') && ok('right'));
		if (!fine)
			reject(
				p.at,
				`Stream-stream ${JOIN_NAME[t]} join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys, or a watermark on the nullable side and an appropriate range condition`,
				'_LEGACY_ERROR_TEMP_3102'
			);
		return;
	}
	if (l.streaming && !r.streaming) {
		if (t === 'right_outer')
			reject(
				p.at,
				'RightOuter join with a streaming DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported',
				'_LEGACY_ERROR_TEMP_3102'
			);
		if (t === 'full_outer')
			reject(
				p.at,
				'FullOuter joins with streaming DataFrames/Datasets on the left and a static DataFrame/Dataset on the right is not supported',
				'_LEGACY_ERROR_TEMP_3102'
			);
	}
	if (!l.streaming && r.streaming) {
		if (t === 'left_outer')
			reject(
				p.at,
				'LeftOuter join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported',
				'_LEGACY_ERROR_TEMP_3102'
			);
		if (t === 'full_outer')
			reject(
				p.at,
				'FullOuter joins with streaming DataFrames/Datasets on the right and a static DataFrame/Dataset on the left is not supported',
				'_LEGACY_ERROR_TEMP_3102'
			);
		if (t === 'left_semi')
			reject(
				p.at,
				'LeftSemi join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported',
				'_LEGACY_ERROR_TEMP_3102'
			);
		if (t === 'left_anti')
			reject(
				p.at,
				'LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported',
				'_LEGACY_ERROR_TEMP_3102'
			);
	}
}

/** checkForContinuous: only map-like operators, and no current-time functions (R1.4.6). */
function checkContinuous(root: AnalyzedNode): void {
	const MAP_LIKE = ['Source', 'Project', 'Filter', 'SubqueryAlias'];
	const isNow = (e: Expr): boolean =>
		some(
			e,
			(x) =>
				x.kind === 'call' &&
				['current_timestamp', 'now', 'current_date', 'localtimestamp'].includes(x.fn)
		);
	walk(root, (n) => {
		const p = n.plan;
		const name = p.op === 'Limit' ? 'GlobalLimit' : p.op;
		if (!MAP_LIKE.includes(p.op))
			reject(p.at, `Continuous processing does not support ${name} operations.`);
		const exprs = p.op === 'Project' ? p.exprs : p.op === 'Filter' ? [p.condition] : [];
		if (exprs.some(isNow))
			reject(p.at, 'Continuous processing does not support current time operations.');
	});
}
