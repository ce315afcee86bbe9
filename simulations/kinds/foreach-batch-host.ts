/**
 * A program's `foreachBatch(fn)` as the kinds that run it call it (fault-tolerance, source-sink):
 * the user's Python function on each batch, its `batch_df.write...` calls kept by a BatchTarget
 * (a path per table), and those writes handed to the ForeachBatchSink as its effects, so the
 * sink's ledger counts what the function delivered (an append of a re-run batch twice, an
 * overwrite of the batch's own path once); a Kafka write's columns are checked as Spark checks
 * them. Null when the program has no foreachBatch function.
 */
import { PyFunction } from '../python/values';
import type { ForeachBatchFunction } from '../sinks/foreach-batch-sink';
import { validateKafkaSchema } from '../sinks/kafka-sink';
import type { DataType } from '../structured/expr/ast';
import type { AnalyzedQuery } from '../structured/index';
import type { ProgramEnv } from '../structured/reader/index';
import { callForeachBatch } from '../structured/reader/foreach-batch-call';
import type { Row } from '../structured/runtime/context';
import { runBatchPlan } from '../structured/stateful-python/batch-plan';
import { BatchTarget } from './fault-tolerance/batch-target';

export function foreachBatchHost(
	q: AnalyzedQuery,
	env: ProgramEnv
): { fn: ForeachBatchFunction; target: BatchTarget } | null {
	const py = q.write.foreachBatchFn;
	if (!(py instanceof PyFunction)) return null;
	const target = new BatchTarget((w) => {
		const r = runBatchPlan(w.plan, q.conf, w.at);
		// A Kafka write checks its columns as the streaming Kafka sink does (KafkaWriter).
		if (w.format.toLowerCase() === 'kafka') {
			const error = validateKafkaSchema(
				r.names.map((name, i) => ({ name, type: r.types[i] as DataType })),
				w.path
			);
			if (error) throw error;
		}
		return r.rows;
	});
	const fn: ForeachBatchFunction = (rows, batchId) => {
		target.reset();
		env.onBatchWrite = (w) => target.write(w);
		try {
			callForeachBatch(q, env, py, batchId, rows as readonly Row[]);
		} catch (e) {
			// A write the host refused (PATH_ALREADY_EXISTS) crossed Python as-is.
			const original = (e as { original?: unknown }).original;
			throw original instanceof Error ? original : e;
		}
		return target.effects;
	};
	return { fn, target };
}
