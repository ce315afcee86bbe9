/**
 * What happened in a DStream run (SIM-2), as markers on the processing-time axis, each naming the
 * DStream rule that fired (SPARK-SEMANTICS §8, the DStream guide). The receiver cuts blocks every
 * spark.streaming.blockInterval (R8.2); at each batch time the JobGenerator makes the batch's job
 * and writes the metadata checkpoint (R8.1, R8.5); a batch that waits for the one before it has a
 * scheduling delay (R8.1); when its job ends, the window and state RDDs are computed (R8.3, R8.4),
 * the output operations have run, and due RDD checkpoints are written (R8.5). Every time is an
 * engine event's: a batch's effects sit at its end, where `frameAt` shows them.
 */
import type { DsBatch, DsRow, DsRun } from './frames';
import { windowBatchTimes } from './frames';
import { seconds } from '../event-time/markers';

export type DsMarkerKind =
	'block' | 'batch' | 'delay' | 'window' | 'state' | 'output' | 'checkpoint' | 'driver';

/** The kinds in the order one batch produces them. */
export const DS_MARKER_KINDS: readonly DsMarkerKind[] = [
	'block',
	'batch',
	'delay',
	'window',
	'state',
	'output',
	'checkpoint',
	'driver'
];

export interface DsMarker {
	/** Unique in the run. */
	readonly id: string;
	readonly atMs: number;
	readonly kind: DsMarkerKind;
	/** The batch time (ms since zeroTime) of the batch it belongs to. */
	readonly batchTime: number;
	/** What happened, with this run's numbers. */
	readonly label: string;
	/** The DStream rule that fired, in Spark's words, with its SPARK-SEMANTICS.md section. */
	readonly rule: string;
}

/** Every marker of a run, by time, and within one instant in the order of one batch. */
export function dstreamMarkersOf(run: DsRun): DsMarker[] {
	const out: DsMarker[] = [];
	for (const b of run.batches) out.push(...batchMarkers(run, b));
	out.push(...checkpointMarkers(run), ...driverMarkers(run));
	const rank = (k: DsMarkerKind) => DS_MARKER_KINDS.indexOf(k);
	return out.sort(
		(a, z) => a.atMs - z.atMs || a.batchTime - z.batchTime || rank(a.kind) - rank(z.kind)
	);
}

/** The driver's death and its restart (../../dstream/recovery.ts). */
function driverMarkers(run: DsRun): DsMarker[] {
	const r = run.restart;
	if (!r) return [];
	const restored = r.fromCheckpoint
		? `recovered from checkpoint ${seconds(r.checkpointTime ?? 0)} without calling the setup function; ${plural(r.rerunTimes.length, 'batch')} to re-run (${r.rerunTimes.map(seconds).join(', ')})`
		: 'no checkpoint to recover from: a new context with empty state';
	return [
		{
			id: 'driver-failed',
			atMs: r.failAtMs,
			kind: 'driver',
			batchTime: r.checkpointTime ?? 0,
			label: `the driver died at ${seconds(r.failAtMs)}, its executors and their received blocks with it`,
			rule: DS_RULES.driverFailure
		},
		{
			id: 'driver-restarted',
			atMs: r.restartAtMs,
			kind: 'driver',
			batchTime: r.restartTime,
			label: `driver restarted at ${seconds(r.restartAtMs)}: ${restored}`,
			rule: DS_RULES.driverRestart
		}
	];
}

function batchMarkers(run: DsRun, b: DsBatch): DsMarker[] {
	const t = b.batchTime;
	// A restarted driver may run a batch time again: its markers get their own ids.
	const again = b.attempt === 1 ? 'r' : '';
	const at = (kind: DsMarkerKind, key: string, atMs: number, label: string, rule: string) => ({
		id: `${kind}-${key}${again}`,
		atMs,
		kind,
		batchTime: t,
		label,
		rule
	});
	const out: DsMarker[] = b.blocks.map((k) =>
		at(
			'block',
			String(k.atMs),
			k.atMs,
			`block cut at ${seconds(k.atMs)}: ${plural(k.records, 'record')}, one partition of the batch at ${seconds(t)}`,
			DS_RULES.block(run.blockIntervalMs)
		)
	);
	out.push(
		at(
			'batch',
			String(t),
			b.rerun ? (run.restart?.restartAtMs ?? t) : t,
			`batch at ${seconds(t)} ${b.rerun ? 'generated again by the restarted driver' : 'generated'}: ${plural(b.numRecords, 'record')} in ${plural(b.blocks.length, 'block')}, one job`,
			DS_RULES.batch(run.batchMs)
		)
	);
	if (b.schedulingDelay > 0) {
		out.push(
			at(
				'delay',
				String(t),
				b.startMs,
				`batch at ${seconds(t)} started ${seconds(b.schedulingDelay)} late: schedulingDelay = ${seconds(b.schedulingDelay)}`,
				DS_RULES.delay
			)
		);
	}
	const present = (row: DsRow) => b.cells[run.rows.indexOf(row)];
	for (const row of run.rows) {
		const cell = present(row);
		if (!cell?.present) continue;
		if (row.kind === 'window') {
			const covered = windowBatchTimes(run, row, t).map(seconds).join(', ');
			out.push(
				at(
					'window',
					`${row.nodeId}-${t}`,
					b.endMs,
					`${row.name} at ${seconds(t)}: window of ${seconds(row.windowMs ?? run.batchMs)} over the batches at ${covered}, ${plural(cell.count, 'element')}`,
					DS_RULES.window
				)
			);
		} else if (row.kind === 'state') {
			out.push(
				at(
					'state',
					`${row.nodeId}-${t}`,
					b.endMs,
					`${row.name} at ${seconds(t)}: updateStateByKey made a new state RDD of ${plural(cell.count, 'key')}`,
					DS_RULES.state
				)
			);
		}
	}
	const ran = run.spans.outputs.filter((o) => {
		const row = run.rows.find((r) => r.nodeId === o.nodeId);
		return row !== undefined && present(row)?.present === true;
	});
	if (ran.length > 0) {
		const names = ran.map(
			(o) => `${run.rows.find((r) => r.nodeId === o.nodeId)?.name}.${o.kind}()`
		);
		out.push(
			at(
				'output',
				String(t),
				b.endMs,
				`batch at ${seconds(t)} ran ${plural(ran.length, 'output operation')} in order: ${names.join(', ')}`,
				DS_RULES.output
			)
		);
	}
	return out;
}

function checkpointMarkers(run: DsRun): DsMarker[] {
	return run.checkpoints.map((c) => {
		const row = run.rows.find((r) => r.nodeId === c.nodeId);
		const data = c.kind === 'data';
		const again =
			run.restart && c.atMs >= run.restart.restartAtMs && c.batchTime < run.restart.restartTime
				? 'r'
				: '';
		return {
			id: `${data ? `checkpoint-${c.nodeId}-${c.batchTime}` : `checkpoint-${c.batchTime}`}${again}`,
			atMs: c.atMs,
			kind: 'checkpoint',
			batchTime: c.batchTime,
			label: data
				? `the RDD of ${row?.name ?? 'a stateful stream'} at ${seconds(c.batchTime)} written to the checkpoint directory: its lineage is cut there`
				: `metadata checkpoint for the batch at ${seconds(c.batchTime)}: configuration, DStream graph, pending batches`,
			rule: data ? DS_RULES.dataCheckpoint : DS_RULES.metadataCheckpoint
		};
	});
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One sentence per rule, Spark's vocabulary, with the SPARK-SEMANTICS.md section. */
export const DS_RULES = {
	block: (ms: number) =>
		`R8.2: the receiver’s BlockGenerator cuts what it received into a block every spark.streaming.blockInterval (here ${ms} ms); each block is one partition, one task, of the batch’s RDD.`,
	batch: (ms: number) =>
		`R8.1: every batchDuration (here ${seconds(ms)}) the JobGenerator turns the blocks received since the last batch time into one RDD and queues its job, whether or not the previous batch has finished.`,
	delay:
		'R8.1: jobs run one at a time (spark.streaming.concurrentJobs = 1), so a batch waits for the one before it; schedulingDelay = processing start − batch time grows while batches take longer than the batch interval.',
	window:
		'R8.3: a window RDD at time t unions the parent’s RDDs with batch times in (t − windowLength, t]; it exists only every slideInterval, and both must be multiples of the batch interval.',
	state:
		'R8.4: updateStateByKey calls the update function for every key in the previous state and every key with new values, every batch; returning None removes the key.',
	output:
		'DStream guide, output operations: pprint, saveAsTextFiles and foreachRDD are what make a batch compute anything; they run one at a time, in the order the program registered them.',
	metadataCheckpoint:
		'R8.5: with ssc.checkpoint(dir) set, the metadata (configuration, DStream graph, pending batches) is written at every batch, so StreamingContext.getOrCreate can recover the driver.',
	driverFailure:
		'DStream guide, fault-tolerance semantics: a driver failure takes the executors with it; blocks a receiver held only in memory are gone unless spark.streaming.receiver.writeAheadLog.enable wrote them to the checkpoint directory.',
	driverRestart:
		'R8.5: StreamingContext.getOrCreate finds the metadata checkpoint and rebuilds the context from it without calling the setup function (changed code is not picked up); JobGenerator.restart re-runs the pending batches and every batch time from the checkpoint to the restart.',
	dataCheckpoint:
		'R8.5: a stateful stream’s RDD is written to the checkpoint directory every checkpoint interval (default: the slide × ceil(10 s / slide)), which cuts its ever-growing lineage.'
} as const;
