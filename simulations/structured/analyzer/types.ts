/**
 * What the analyzer hands the micro-batch executor: Catalyst's analyzed logical plan, reduced to
 * what a streaming run needs. Every node carries its resolved output schema; the stateful
 * operators (StateStoreSaveExec, StreamingDeduplicateExec, StreamingSymmetricHashJoinExec,
 * SessionWindowStateStoreSaveExec) are listed source to sink; the EventTimeWatermark nodes and
 * the columns that carry `spark.watermarkDelayMs` metadata are spelled out (SPARK-SEMANTICS §2).
 */
import type { Expr, Pos, StructField } from '../expr/ast';
import type { CallSpan, JoinType, OutputMode, Plan, Trigger, WriteSpec } from '../plan';

/** A column of a node's output that carries watermark metadata (Spark's
 *  `EventTimeWatermark.delayKey`), either the event-time column itself or a window /
 *  session_window struct computed from it (then late/eviction tests use its `end`). */
export interface EventTimeColumn {
	/** Index into the node's `schema`. */
	readonly index: number;
	readonly name: string;
	readonly delayMs: number;
	/** True for a `window`/`session_window` struct: Spark compares `window.end`. */
	readonly window: boolean;
	/** The EventTimeWatermark node that declared it. */
	readonly watermarkNodeId: number;
}

/** The analyzed plan: one node per `Plan` node, same shape, children resolved first. */
export interface AnalyzedNode {
	/** Unique in the query, assigned bottom-up (children before parents, left before right). */
	readonly id: number;
	/** The reader's node with its expressions normalised for execution; use `children` below
	 *  rather than the plan's own child fields. Normalised: `*`, `q.*` and `struct.*` expanded
	 *  in Project / Generate.keep; `alias.col` written as a qualified `col`; `window(w, ...)`
	 *  over a window struct rewritten to `window(window_time(w), ...)`; Deduplicate keys and the
	 *  EventTimeWatermark column in the schema's spelling. Output layouts: Project = its exprs;
	 *  Generate = keep ++ [generated]; Aggregate = `aggregates` (the grouping expressions
	 *  first, then the aggregate outputs); Join = USING columns (left's, right's for
	 *  right_outer, coalesced for full_outer) ++ left rest ++ right rest, only left for
	 *  left_semi / left_anti; Union = first child's names with widened types. */
	readonly plan: Plan;
	readonly children: readonly AnalyzedNode[];
	/** Output schema. `qualifiers` on a field name the DataFrames it can be reached through
	 *  (`#<nodeId>` tags and `alias(...)` names), as Catalyst's attribute qualifiers. */
	readonly schema: readonly StructField[];
	/** Whether the node's output is a stream (some child reads a streaming source). */
	readonly streaming: boolean;
	/** Output columns carrying watermark metadata. */
	readonly eventTime: readonly EventTimeColumn[];
	/** Set on stateful nodes: the index into `AnalyzedQuery.statefulOperators`. */
	readonly statefulOperatorId?: number;
}

export type StatefulKind =
	'aggregate' | 'session' | 'dedup' | 'dedupWithinWatermark' | 'join' | 'pythonState';

/** One stateful operator. `id` = its position source→sink (0 = closest to the sources), the
 *  order of FORMAT.md's `assertNumStateRows` lists: the reverse of Spark's progress order
 *  (a pre-order walk of the plan), so under a join of two stateful inputs the right input's
 *  operator precedes the left's. (Spark's own operatorId numbers the other way round.) */
export interface StatefulOperator {
	readonly id: number;
	readonly kind: StatefulKind;
	readonly nodeId: number;
	readonly at: Pos;
	/** Aggregate / session: the watermarked grouping column, indexed in the operator's output
	 *  (= position in `groupBy`), present when append mode can emit and evict by it.
	 *  Dedup: the watermarked column among the keys (index in the input = output schema);
	 *  absent means keys are never evicted. dedupWithinWatermark: the input's watermarked
	 *  column (need not be a key). Join: absent; see `join`. */
	readonly eventTimeKey?: EventTimeColumn;
	/** Aggregate/session: the grouping expressions, resolved against the child schema. */
	readonly groupBy?: readonly Expr[];
	/** Dedup: key column indices in the input schema (all columns when none were given). */
	readonly keyIndices?: readonly number[];
	/** Join (stream-stream only; stream-static joins are stateless and not listed). */
	readonly join?: JoinInfo;
}

/** A stream-stream join split as StreamingSymmetricHashJoinHelper does: equi-join keys, the
 *  rest of the condition, and each side's watermarked columns. */
export interface JoinInfo {
	readonly joinType: JoinType;
	/** Pairs of key expressions, left side resolved against the left schema, right against the
	 *  right schema. */
	readonly leftKeys: readonly Expr[];
	readonly rightKeys: readonly Expr[];
	/** The non-equi part of the condition (against left ++ right), or null. */
	readonly residual: Expr | null;
	readonly leftEventTime: readonly EventTimeColumn[];
	readonly rightEventTime: readonly EventTimeColumn[];
}

export interface WatermarkDef {
	/** The EventTimeWatermark node's id. */
	readonly nodeId: number;
	readonly column: string;
	readonly delayMs: number;
	/** Ids of the Source nodes under it. */
	readonly sourceIds: readonly number[];
	readonly at: Pos;
}

export interface AnalyzedQuery {
	readonly root: AnalyzedNode;
	/** Source→sink. */
	readonly statefulOperators: readonly StatefulOperator[];
	readonly watermarks: readonly WatermarkDef[];
	/** Every streaming Source node, in program order of their ids. */
	readonly sources: readonly AnalyzedNode[];
	readonly outputMode: OutputMode;
	readonly trigger: Trigger;
	readonly write: WriteSpec;
	/** Session conf with Spark's defaults filled in (multipleWatermarkPolicy = 'min', ...). */
	readonly conf: Readonly<Record<string, string>>;
	/** The sink's schema (= root.schema). */
	readonly schema: readonly StructField[];
	/** The PySpark calls as written, in full (Query.spans). */
	readonly spans: readonly CallSpan[];
}

/** An analysis failure: Spark's message, located at the program construct that caused it. */
export interface AnalysisError {
	readonly line: number;
	readonly column: number;
	readonly message: string;
	/** Spark's error class where it has one (`UNRESOLVED_COLUMN.WITH_SUGGESTION`,
	 *  `_LEGACY_ERROR_TEMP_3102`, ...). */
	readonly errorClass?: string;
	readonly supported?: string;
	/** True when Spark raises it planning the first micro-batch rather than at start()
	 *  (redefined watermark, stream-stream join without equality, global session window). */
	readonly firstBatch?: boolean;
}
