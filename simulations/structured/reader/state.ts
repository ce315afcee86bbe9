/**
 * What the reader accumulates while a program runs: the session
 * conf (`spark.conf.set`, `.config(k, v)`), and the streaming queries started. The resolver is
 * the analyzer's, used eagerly as a PySpark DataFrame is analyzed eagerly: `withColumn` needs
 * its child's columns, and an unknown column is reported at the call that names it.
 */
import type { Pos, StructField } from '../expr/ast';
import type { CallSpan, Query } from '../plan';
import type { Resolver } from '../analyzer/resolve';
import type { BatchWriteTarget } from './batch-writer';

export interface StartedQuery {
	readonly query: Query;
	readonly at: Pos;
}

export interface ReaderState {
	readonly conf: Record<string, string>;
	readonly queries: StartedQuery[];
	readonly resolver: Resolver;
	readonly bindings: Readonly<Record<string, readonly StructField[]>>;
	nextSourceId: number;
	/** The program may start several queries (the caller runs one of them at a time). */
	readonly manyQueries?: boolean;
	/** The calls read so far, in full (Query.spans). */
	readonly spans: CallSpan[];
	/** The program text (for locating errors raised later in user Python functions). */
	readonly text?: string;
	/** Where `batch_df.write...` goes when a foreachBatch function runs (batch-writer.ts). */
	readonly batchWrites?: BatchWriteTarget;
	/** StreamingQueryListener objects registered with spark.streams.addListener, in order. */
	readonly listeners?: unknown[];
}
