/**
 * The user's analyzed query as SIM-1's `BatchQuery`: the Structured Streaming engine's
 * MicroBatchExecution reads SIM-1's rate or socket source itself, so batch ids, offsets and the
 * new-data and no-data-batch decisions are the engine's alone; SIM-1's loop adds only timing. What the sink
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
import type { InputRow, MicroBatchSource } from '../../microbatch/source';
import type { StreamInputs } from '../../structured/runtime/stream-inputs';
import type { AnalyzedNode, AnalyzedQuery } from '../../structured/analyzer/types';
import { MicroBatchExecution, type BatchRecord } from '../../structured/index';
import type { DataType, StructField, Value } from '../../structured/expr/ast';
import type { Row } from '../../structured/runtime/context';
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
 * SIM-1's rate or socket source as MicroBatchExecution's input: the engine plans each trigger's
 * end offset from it (a fresh source counts as new data; R1.2) and reads the rows between two
 * offsets. It remembers what the last trigger planned and read, for the trace.
 */
function sourceInputs(
	source: MicroBatchSource,
	toRow: (r: InputRow) => Row,
	clock: () => ProcTimeMs,
	availableNow: boolean
) {
	/** availableNow: the latest offset when the query started (R1.4.4). */
	let snapshot: number | null = null;
	let planned: { start: number | null; end: number } | null = null;
	let read: readonly InputRow[] = [];
	const inputs: StreamInputs = {
		plan(_name, committed) {
			const latest = source.latestOffset(clock());
			if (availableNow) snapshot ??= latest;
			const end = snapshot ?? latest;
			const start = committed === undefined ? null : Number(committed);
			planned = { start, end };
			read = [];
			return { end, newData: start === null || end !== start };
		},
		read(_name, start, end) {
			const from = start === undefined ? source.initialOffset : Number(start);
			read = source.read(from, Number(end ?? from));
			return read.map(toRow);
		},
		commit: () => undefined,
		describe: () => source.description
	};
	return { inputs, last: () => ({ planned, read }) };
}

/**
 * The analyzed query as a BatchQuery: started on a run's rate or socket source, each trigger is
 * MicroBatchExecution's own (offsets, batch id, new data or a no-data batch).
 * @example structuredBatchQuery(q, 'rate', EPOCH_OFFSET_MS).start(source, { availableNow: false }).runTrigger(at)
 */
export function structuredBatchQuery(
	q: AnalyzedQuery,
	sourceKind: 'rate' | 'socket',
	epochOffsetMs: number
): BatchQuery {
	const info = queryInfo(q);
	const agg = resultAggregation(q);
	const shuffle = Number(q.conf['spark.sql.shuffle.partitions'] ?? 200);
	const show = (types: readonly (DataType | undefined)[]) => (row: Row) =>
		row.map((v, i) => cellText(v, types[i]));
	const showState = show(agg?.schema.map((f) => f.type) ?? []);
	const showOutput = show(q.schema.map((f) => f.type));
	const keyOf = (cells: readonly string[]) => cells.slice(0, agg?.numKeys ?? 0).join(', ');

	return {
		info,
		start(source, { availableNow }) {
			const src = q.sources[0] as AnalyzedNode;
			const toRow = toEngineRow(src.schema, sourceKind === 'socket', epochOffsetMs);
			let clockMs = 0 as ProcTimeMs;
			const { inputs, last } = sourceInputs(source, toRow, () => clockMs, availableNow);
			const exec = new MicroBatchExecution(q, inputs, { clock: () => clockMs, epochOffsetMs });
			const state = new Map<string, ResultRow>();

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
			return {
				runTrigger(at) {
					clockMs = at;
					const rec = exec.runTrigger();
					if (rec === null) return null;
					const { planned, read } = last();
					return {
						batchId: rec.batchId,
						noData: rec.noData,
						startOffset: planned?.start ?? null,
						endOffset: planned?.end ?? 0,
						rows: read,
						outcome: outcomeOf(rec)
					};
				}
			};
		}
	};
}
