/**
 * basic-11's `.trigger(continuous="1 second")` run from the page's program (R1.4.6; SS-PERF
 * "Continuous Processing"): the epoch interval is the trigger's value, the rate source's
 * rowsPerSecond and numPartitions are the program's options, the sink is its format; only what a
 * program cannot say (cores, per-row cost, an injected task failure) comes from the page. The
 * micro-batch contrast runs the same source and cost at the same interval as processingTime.
 */
import type { Result, SourceError } from '../../core/errors';
import {
	buildContinuousTrace,
	type ContinuousSink,
	type ContinuousTrace
} from '../../microbatch/continuous';
import type { SourceSpec } from '../../microbatch/trace';
import type { BatchQuery } from '../../microbatch/query';
import type { Query } from '../../structured/plan';
import type { SimulatedCluster } from './program';

/** The operator restarts the failed query from its checkpoint this long after the failure. */
export const RESTART_AFTER_MS = 2000;

const SINKS: readonly ContinuousSink[] = ['console', 'memory', 'kafka'];

/** The sink a continuous query may write to, or why not (R1.4.6: Kafka, memory, console, foreach). */
function sinkOf(q: Query): Result<ContinuousSink, SourceError> {
	const { format, at } = q.write;
	if (format === 'foreachBatch') {
		// DataStreamWriter.startInternal refuses foreachBatch under a ContinuousTrigger.
		return {
			ok: false,
			error: {
				line: at.line,
				column: at.column,
				message: "'foreachBatch' is not supported with continuous trigger"
			}
		};
	}
	const sink = SINKS.find((s) => s === format);
	if (sink) return { ok: true, value: sink };
	return {
		ok: false,
		error: {
			line: at.line,
			column: at.column,
			message: `continuous processing writes to Kafka, memory, console or foreach sinks; the program writes format "${format}"`,
			supported: 'Write with .format("console") or .format("memory").'
		}
	};
}

/**
 * Runs the program's continuous query on the simulated cluster.
 * @example continuousTraceOf(q, { kind: 'rate', rowsPerSecond: 100, numPartitions: 2 }, cluster, query)
 */
export function continuousTraceOf(
	q: Query,
	source: SourceSpec,
	cluster: SimulatedCluster,
	/** The same query as micro-batches (structuredBatchQuery), for the latency contrast. */
	contrastQuery: BatchQuery
): Result<ContinuousTrace, SourceError> {
	const trigger = q.write.trigger;
	const at = q.write.triggerAt ?? q.write.at;
	if (trigger.kind !== 'continuous') {
		return {
			ok: false,
			error: { line: at.line, column: at.column, message: 'not a continuous trigger' }
		};
	}
	if (source.kind !== 'rate') {
		return {
			ok: false,
			error: {
				line: at.line,
				column: at.column,
				message: 'this simulation runs continuous processing over the rate source only',
				supported: 'Read with spark.readStream.format("rate"), or pick a processingTime trigger.'
			}
		};
	}
	const sink = sinkOf(q);
	if (!sink.ok) return sink;
	return {
		ok: true,
		value: buildContinuousTrace(
			{
				rowsPerSecond: source.rowsPerSecond,
				numPartitions: source.numPartitions,
				epochIntervalMs: trigger.intervalMs,
				cores: cluster.cores,
				perRowCostUs: cluster.perRowCostUs,
				untilMs: cluster.untilMs,
				seed: cluster.seed,
				microBatch: {
					triggerIntervalMs: trigger.intervalMs,
					fixedOverheadMs: cluster.fixedOverheadMs
				},
				sink: sink.value,
				failureAtMs: cluster.failureAtMs ?? null,
				restartAfterMs: RESTART_AFTER_MS
			},
			contrastQuery
		)
	};
}
