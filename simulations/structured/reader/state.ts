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
import type { Args } from './args';
import type { PyValue } from './values';

export interface StartedQuery {
	readonly query: Query;
	readonly at: Pos;
}

/**
 * A host that runs the queries a program starts while the program is still running (a test
 * bench calling a pytest function: start, feed a file, processAllAvailable, read the memory
 * table, assert). start() hands it the query; the handle's methods and monitoring attributes,
 * and spark.table(name), are answered by it. Without one, start() only records the query.
 */
export interface LiveHost {
	start(query: Query, at: Pos): number;
	method(handle: number, name: string, a: Args): PyValue;
	attr(handle: number, name: string, at: Pos): PyValue;
	/** A batch DataFrame over a memory sink's table, or null when no query wrote one by that name. */
	table(name: string, at: Pos): PyValue | null;
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
	/** Runs started queries as the program goes (test-bench.ts of a kind); see LiveHost. */
	readonly live?: LiveHost;
	/** Python modules the host provides by import name (os, json, tempfile on a virtual disk). */
	readonly modules?: ReadonlyMap<string, unknown>;
}
