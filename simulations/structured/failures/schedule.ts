/**
 * A run of a query under a failure schedule: the driver dies at a chosen batch and phase, the
 * query restarts from what the checkpoint holds, and the run goes on until the input is
 * consumed. The phases are the driver loop's (MicroBatchExecution.runActivatedStream):
 *
 * - `beforeOffsetLog`: before offsets/N is written: nothing of batch N exists; the restart plans
 *   it afresh;
 * - `afterOffsetLog`: offsets/N written, the batch never ran: the restart re-runs batch N with
 *   the same id and offsets (R1.3);
 * - `duringProcessing`: tasks failed: the state stores abort, no sink write, no commit; the same
 *   re-run;
 * - `afterSinkBeforeCommit`: the sink got batch N, commits/N was never written: the re-run hands
 *   the sink batch N again, which an idempotent sink skips and a naive one writes twice;
 * - `executorLost`: an executor died mid-batch; its tasks re-run inside the same batch and the
 *   driver carries on (no restart, nothing visible in the output).
 *
 * Each failure fires once. The sinks: `idempotent` (Spark's memory/file sink: a batch id it has
 * is skipped) and `naive` (a foreachBatch that appends every call).
 */
import type { AnalyzedQuery } from '../analyzer/types';
import type { Row } from '../runtime/context';
import { MicroBatchExecution, type BatchRecord, type Checkpoint } from '../runtime/executor';
import { MemoryStreams } from '../runtime/memory-stream';
import { hasNewData } from './new-data';

export type FailurePhase =
	| 'beforeOffsetLog'
	| 'afterOffsetLog'
	| 'duringProcessing'
	| 'afterSinkBeforeCommit'
	| 'executorLost';

export const FAILURE_PHASES: readonly FailurePhase[] = [
	'beforeOffsetLog',
	'afterOffsetLog',
	'duringProcessing',
	'afterSinkBeforeCommit',
	'executorLost'
];

export interface Failure {
	readonly batchId: number;
	readonly phase: FailurePhase;
}

export interface ScheduledRun {
	/** Rows the idempotent sink holds, by batch id. */
	readonly idempotent: ReadonlyMap<number, readonly Row[]>;
	/** Every row the naive sink was handed, in order. */
	readonly naive: readonly Row[];
	/** Executed batches in order (re-runs included), with the watermark each ran with. */
	readonly executed: readonly BatchRecord[];
	/** Batch ids the restart re-ran after the sink had them (afterSinkBeforeCommit). */
	readonly redelivered: readonly number[];
	readonly restarts: number;
	/** The checkpoint after each executed batch (its committed state). */
	readonly checkpoints: readonly Checkpoint[];
}

class DriverDied extends Error {}

/** Runs `input` (one element = one addData, then process everything) under `failures`. */
export function runWithFailures(
	query: AnalyzedQuery,
	source: string,
	input: readonly (readonly Row[])[],
	failures: readonly Failure[]
): ScheduledRun {
	const streams = new MemoryStreams();
	const pending = new Map(failures.map((f) => [f.batchId, f.phase]));
	const idempotent = new Map<number, readonly Row[]>();
	const naive: Row[] = [];
	const executed: BatchRecord[] = [];
	const redelivered: number[] = [];
	const checkpoints: Checkpoint[] = [];
	let latest = -1;
	let restarts = 0;
	let clock = 0;
	const fire = (batchId: number, phase: FailurePhase): boolean => {
		if (pending.get(batchId) !== phase) return false;
		pending.delete(batchId);
		return true;
	};
	const deliver = (b: { batchId: number; rows: readonly Row[] }) => {
		if (fire(b.batchId, 'afterOffsetLog') || fire(b.batchId, 'duringProcessing'))
			throw new DriverDied();
		fire(b.batchId, 'executorLost'); // its tasks re-ran: same rows, the batch goes on
		if (b.batchId <= latest) redelivered.push(b.batchId);
		else {
			latest = b.batchId;
			idempotent.set(b.batchId, b.rows);
		}
		naive.push(...b.rows);
		if (fire(b.batchId, 'afterSinkBeforeCommit')) throw new DriverDied();
	};
	let checkpoint: Checkpoint | undefined;
	const start = () =>
		new MicroBatchExecution(query, streams, {
			clock: () => (clock += 1000),
			...(checkpoint ? { checkpoint } : {}),
			deliver
		});
	let exec = start();
	const restart = () => {
		checkpoint = exec.checkpoint();
		restarts++;
		exec = start();
	};
	for (const rows of input) {
		streams.addData(source, rows);
		let lastNoData = false;
		for (let guard = 0; guard < 100; guard++) {
			if (lastNoData && !hasNewData(exec, streams)) break;
			if (fire(exec.nextBatchId, 'beforeOffsetLog')) {
				restart();
				continue;
			}
			let b: BatchRecord | null;
			try {
				b = exec.runTrigger();
			} catch (e) {
				if (!(e instanceof DriverDied)) throw e;
				restart();
				continue;
			}
			if (b === null) break;
			executed.push(b);
			checkpoints.push(exec.checkpoint());
			lastNoData = b.noData;
		}
	}
	return { idempotent, naive, executed, redelivered, restarts, checkpoints };
}
