/**
 * The state store per stateful operator, as `query.lastProgress.stateOperators` reports it
 * (SPARK-SEMANTICS R1.6; StateOperatorProgress): operatorName, numRowsTotal, numRowsUpdated,
 * numRowsRemoved, numRowsDroppedByWatermark for the last batch finished at the cursor, listed sink
 * first as Spark lists them, each with a sparkline of numRowsTotal over the batches so far.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { EtFrame } from '$sim/kinds/event-time';

/** What each of Spark's operator names stands for in a program (the physical operator). */
const GLOSS: Readonly<Record<string, string>> = {
	stateStoreSave: 'StateStoreSaveExec: streaming aggregation (groupBy / window)',
	sessionWindowStateStoreSaveExec: 'SessionWindowStateStoreSaveExec: session_window aggregation',
	symmetricHashJoin: 'StreamingSymmetricHashJoinExec: both sides’ join buffers',
	dedupe: 'StreamingDeduplicateExec: dropDuplicates',
	dedupeWithinWatermark: 'StreamingDeduplicateWithinWatermarkExec: dropDuplicatesWithinWatermark'
};

export interface StateOperatorRow {
	/** Position in stateOperators: two operators may share a name (chained aggregations). */
	readonly key: string;
	readonly operatorName: string;
	readonly gloss: string;
	readonly numRowsTotal: number;
	readonly numRowsUpdated: number;
	readonly numRowsRemoved: number;
	readonly numRowsDroppedByWatermark: number;
	/** numRowsTotal per finished batch, oldest first. */
	readonly history: readonly number[];
	readonly sparkline: string;
	readonly last: { readonly x: number; readonly y: number } | null;
}

export interface StateStoreTable {
	/** The batch whose progress the row numbers are (null before any batch has reported). */
	readonly batchId: number | null;
	readonly rows: readonly StateOperatorRow[];
	/** Sum of numRowsTotal: the run's "state rows" and Spark UI's aggregated total. */
	readonly totalRows: number;
}

export const SPARK_W = 120;
export const SPARK_H = 24;

export function stateStoreAt(
	frame: Pick<EtFrame, 'done'>,
	sparkWidth = SPARK_W,
	sparkHeight = SPARK_H
): StateStoreTable {
	const reported = frame.done.filter((b) => b.progress !== undefined);
	const last = reported.at(-1);
	const ops = last?.progress?.stateOperators ?? [];
	const rows = ops.map((op, i): StateOperatorRow => {
		const history = reported.map((b) => b.progress?.stateOperators[i]?.numRowsTotal ?? 0);
		const x = scaleLinear()
			.domain([0, Math.max(1, history.length - 1)])
			.range([1, sparkWidth - 3]);
		const y = scaleLinear()
			.domain([0, Math.max(1, ...history)])
			.range([sparkHeight - 2, 2]);
		const path =
			line<number>()
				.x((_, j) => x(j))
				.y((v) => y(v))(history) ?? '';
		const lastV = history.at(-1);
		return {
			key: String(i),
			operatorName: op.operatorName,
			gloss: GLOSS[op.operatorName] ?? '',
			numRowsTotal: op.numRowsTotal,
			numRowsUpdated: op.numRowsUpdated,
			numRowsRemoved: op.numRowsRemoved,
			numRowsDroppedByWatermark: op.numRowsDroppedByWatermark,
			history,
			// One point draws no line: show the dot alone.
			sparkline: history.length > 1 ? path : '',
			last: lastV === undefined ? null : { x: x(history.length - 1), y: y(lastV) }
		};
	});
	return {
		batchId: last?.batchId ?? null,
		rows,
		totalRows: rows.reduce((n, r) => n + r.numRowsTotal, 0)
	};
}

export function describeStateStore(table: StateStoreTable): string {
	if (table.batchId === null) return 'State store: no batch has finished yet.';
	if (table.rows.length === 0)
		return `State store after batch ${table.batchId}: no stateful operator.`;
	const parts = table.rows.map(
		(r) =>
			`${r.operatorName}: numRowsTotal ${r.numRowsTotal}, numRowsUpdated ${r.numRowsUpdated}, ` +
			`numRowsRemoved ${r.numRowsRemoved}, numRowsDroppedByWatermark ${r.numRowsDroppedByWatermark}`
	);
	return `State store after batch ${table.batchId}: ${parts.join('; ')}; ${table.totalRows} state rows in all.`;
}
