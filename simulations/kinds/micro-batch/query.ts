/**
 * The user's analyzed query as SIM-1's `BatchQuery`: each micro-batch hands the Structured
 * Streaming engine's MicroBatchExecution exactly the rows that batch read (one MemoryStream block
 * per batch, so offsets line up batch for batch), at the batch's trigger time. What the sink
 * received, the aggregation's state and the keys it touched all come from the engine's batch
 * record (rowsEmitted, the operator's updated and evicted groups: StateStoreSaveExec, R4.3).
 */
import type { ProcTimeMs } from '../../core/time';
import type { StateOperatorProgress } from '../../model/progress';
import type {
	BatchOutcome,
	BatchQuery,
	OutputMode,
	QueryInfo,
	ResultRow
} from '../../microbatch/query';
import type { InputRow } from '../../microbatch/source';
import type { AnalyzedNode, AnalyzedQuery } from '../../structured/analyzer/types';
import { MemoryStreams, MicroBatchExecution, type BatchRecord } from '../../structured/index';
import type { DataType, StructField, Value } from '../../structured/expr/ast';
import type { Row } from '../../structured/runtime/context';
import { sourceName } from '../../structured/runtime/physical';
import { isoText } from '../../core/calendar';

const CONSOLE = 'org.apache.spark.sql.execution.streaming.ConsoleTable$';
/** The console sink prints this many rows of a batch unless `numRows` says otherwise. */
const CONSOLE_NUM_ROWS = 20;

/** A cell as the console sink prints it: timestamps in UTC, windows as [start, end). */
export function cellText(v: Value, t: DataType | undefined): string {
	if (v === null) return 'null';
	if (t?.kind === 'timestamp' && typeof v === 'number') {
		return isoText(v / 1000)
			.replace('T', ' ')
			.slice(0, -1);
	}
	if (typeof v === 'object' && !Array.isArray(v)) {
		const r = v as Readonly<Record<string, Value>>;
		const clock = (us: Value) => (typeof us === 'number' ? isoText(us / 1000).slice(-13, -5) : '?');
		if ('start' in r && 'end' in r)
			return `[${clock(r['start'] ?? null)}, ${clock(r['end'] ?? null)})`;
	}
	return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const byKey = (a: ResultRow, b: ResultRow): number =>
	a.key.localeCompare(b.key, 'en', { numeric: true });

function findNode(n: AnalyzedNode, id: number): AnalyzedNode | null {
	if (n.id === id) return n;
	for (const c of n.children) {
		const f = findNode(c, id);
		if (f) return f;
	}
	return null;
}

/** The aggregation whose state the result table shows: the one closest to the sink. */
function resultAggregation(q: AnalyzedQuery) {
	const op = [...q.statefulOperators]
		.reverse()
		.find((o) => o.kind === 'aggregate' || o.kind === 'session');
	if (!op) return null;
	const node = findNode(q.root, op.nodeId);
	return { id: op.id, numKeys: op.groupBy?.length ?? 0, schema: node?.schema ?? [] };
}

export function queryInfo(q: AnalyzedQuery): QueryInfo {
	const agg = resultAggregation(q);
	const numRows = Number(q.write.options['numRows'] ?? CONSOLE_NUM_ROWS);
	return {
		outputMode: q.outputMode as OutputMode,
		name: q.write.queryName ?? null,
		stateColumns: agg ? agg.schema.map((f) => f.name) : [],
		outputColumns: q.schema.map((f) => f.name),
		numRows: Number.isInteger(numRows) && numRows > 0 ? Math.min(numRows, 100) : CONSOLE_NUM_ROWS,
		sinkDescription: q.write.format === 'console' ? CONSOLE : `${q.write.format}Sink`
	};
}

/** A source row of the rate (`timestamp`, `value`) or socket (`value`[, `timestamp`]) schema. */
function toEngineRow(schema: readonly StructField[], socket: boolean, epochOffsetMs: number) {
	return (r: InputRow): Row =>
		schema.map((f) =>
			f.name === 'timestamp' ? (epochOffsetMs + r.timestampMs) * 1000 : socket ? r.text : r.value
		);
}

/**
 * The analyzed query as a BatchQuery over one rate or socket source.
 * @example structuredBatchQuery(q, 'rate', EPOCH_OFFSET_MS).runBatch(rows, at).output
 */
export function structuredBatchQuery(
	q: AnalyzedQuery,
	sourceKind: 'rate' | 'socket',
	epochOffsetMs: number
): BatchQuery {
	const info = queryInfo(q);
	const streams = new MemoryStreams();
	let clockMs = 0;
	const exec = new MicroBatchExecution(q, streams, { clock: () => clockMs, epochOffsetMs });
	const source = q.sources[0] as AnalyzedNode;
	const name = sourceName(source);
	const toRow = toEngineRow(source.schema, sourceKind === 'socket', epochOffsetMs);
	const agg = resultAggregation(q);
	const state = new Map<string, ResultRow>();
	const shuffle = Number(q.conf['spark.sql.shuffle.partitions'] ?? 200);
	const show = (types: readonly (DataType | undefined)[]) => (row: Row) =>
		row.map((v, i) => cellText(v, types[i]));
	const showState = show(agg?.schema.map((f) => f.type) ?? []);
	const showOutput = show(q.schema.map((f) => f.type));
	const keyOf = (cells: readonly string[]) => cells.slice(0, agg?.numKeys ?? 0).join(', ');

	const outcomeOf = (rec: BatchRecord): BatchOutcome => {
		const metrics = agg ? rec.operators[agg.id] : undefined;
		const changed = new Set<string>();
		for (const r of metrics?.updatedRows ?? []) {
			const cells = showState(r);
			const key = keyOf(cells);
			state.set(key, { key, cells });
			changed.add(key);
		}
		const evicted = (metrics?.evictedRows ?? []).map((r) => keyOf(showState(r)));
		const rows = [...state.values()].sort(byKey);
		for (const key of evicted) state.delete(key);
		const stateAfter = rows.filter((r) => state.has(r.key));
		const emitted =
			info.outputMode === 'complete'
				? stateAfter.map((r) => r.key)
				: info.outputMode === 'update'
					? [...changed]
					: evicted;
		const stateOperators: StateOperatorProgress[] = rec.progress.stateOperators.map((s) => ({
			...s,
			numShufflePartitions: Number.isInteger(shuffle) ? shuffle : 200
		}));
		return {
			state: stateAfter,
			changed: stateAfter.filter((r) => changed.has(r.key)).map((r) => r.key),
			emitted,
			output: rec.output
				.slice(0, info.numRows)
				.map((r, i) => ({ key: `${rec.batchId}-${i}`, cells: showOutput(r) })),
			numOutputRows: rec.output.length,
			stateOperators
		};
	};
	const empty: BatchOutcome = {
		state: [],
		changed: [],
		emitted: [],
		output: [],
		numOutputRows: 0,
		stateOperators: []
	};

	return {
		info,
		runBatch(rows, at: ProcTimeMs) {
			clockMs = at;
			// One block per batch, even an empty one: the engine's offset moves with the loop's.
			streams.addData(name, rows.map(toRow));
			const rec = exec.runTrigger();
			return rec === null ? empty : outcomeOf(rec);
		},
		noDataBatch(at: ProcTimeMs) {
			clockMs = at;
			const rec = exec.runTrigger();
			return rec === null ? null : outcomeOf(rec);
		}
	};
}
