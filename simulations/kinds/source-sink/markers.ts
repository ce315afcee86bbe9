/**
 * What happened in a Kafka run, on the processing-time axis, each naming Spark's rule: batches
 * and the offsets they took, the query stopping and resuming from its checkpoint, retention
 * deleting records, data loss (the query failing, or the gap skipped and counted).
 */
import type { SimMarker } from '../kind';
import type { SsRun } from './frames';

const RULES = {
	offsets:
		'MicroBatchExecution writes offsets/N (each partition’s end offset) before the batch runs; maxOffsetsPerTrigger is split across partitions by backlog (R7.1).',
	crash:
		'The sink wrote batch N, then the driver died before commits/N: a restart finds offsets/N without its commit and runs batch N again with the same offsets; an idempotent sink (file, memory) skips it, Kafka writes it again (R7 sinks).',
	restart:
		'A restarted query resumes from the offsets in its checkpoint; startingOffsets applies only to a query’s first start (R7.1).',
	retention:
		'Kafka’s retention moves a partition’s log start offset forward; older records are gone.',
	dataLoss:
		'failOnDataLoss=true fails the query when offsets it must read were deleted; false skips them and counts them (R7.1).'
};

const s = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;

export function markersOf(run: SsRun): SimMarker[] {
	const out: SimMarker[] = [];
	for (const b of run.batches)
		out.push({
			id: `batch-${b.batchId}-${b.triggerMs}`,
			atMs: b.triggerMs,
			kind: 'offsets',
			label: run.source
				? `batch ${b.batchId}${b.attempt > 1 ? ' again' : ''} at ${s(b.triggerMs)}: ${b.numInputRows} rows, offsets/${b.batchId} = ${b.read?.terms ?? ''}`
				: b.attempt > 1
					? `batch ${b.batchId} again at ${s(b.triggerMs)} (same offsets): ${b.sink.status === 'skipped' ? 'the sink skipped it' : `${b.sink.delivered} rows written again`}`
					: `batch ${b.batchId} at ${s(b.triggerMs)}: ${b.numInputRows} records, ${b.numOutputRows} written`,
			rule: b.attempt > 1 ? RULES.crash : RULES.offsets
		});
	run.restarts.forEach((r, i) => {
		out.push({
			id: `stop-${i}`,
			atMs: r.stopMs,
			kind: 'restart',
			label: r.crashBeforeCommit
				? `the driver died at ${s(r.stopMs)}, after the sink write and before the commit`
				: `query stopped at ${s(r.stopMs)}`,
			rule: r.crashBeforeCommit ? RULES.crash : RULES.restart
		});
		out.push({
			id: `start-${i}`,
			atMs: r.startMs,
			kind: 'restart',
			label: run.source
				? `query started again at ${s(r.startMs)} from its checkpoint${run.source.replayable ? '' : `: a new socket connection, ${run.source.lost.length} lines lost`}`
				: `query started again at ${s(r.startMs)} from its checkpoint (startingOffsets=${run.startingOffsets} not read)`,
			rule: RULES.restart
		});
	});
	run.retention.forEach((r, i) =>
		out.push({
			id: `retention-${i}`,
			atMs: r.atMs,
			kind: 'retention',
			label: `retention: partition ${r.partition} now starts at offset ${r.earliest}`,
			rule: RULES.retention
		})
	);
	run.dataLoss.forEach((d, i) =>
		out.push({
			id: `loss-${i}`,
			atMs: d.atMs,
			kind: 'dataLoss',
			label: `batch ${d.batchId}: ${d.skipped} deleted offsets of ${d.partition} skipped`,
			rule: RULES.dataLoss
		})
	);
	if (run.failure)
		out.push({
			id: 'failure',
			atMs: run.failure.atMs,
			kind: 'dataLoss',
			label: 'the query failed: data loss',
			rule: RULES.dataLoss
		});
	return out.sort((a, b) => a.atMs - b.atMs);
}
