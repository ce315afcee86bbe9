/**
 * A stand-in for the micro-batch loop's sink step, to replay a batch as a restart does: run
 * batches 0..N through `addBatch`, "crash" after the sink wrote batch `crashAfterSinkOf` but
 * before commits/N, then restart: the same batch id runs again with the same rows.
 */
import type {
	OutputMode,
	SinkRow,
	SinkWriteOutcome,
	StreamingSink
} from '../../../simulations/sinks';

export interface Run {
	readonly outcomes: SinkWriteOutcome[];
	readonly committed: number[];
}

export function runWithReplay(
	sink: StreamingSink,
	batches: readonly (readonly SinkRow[])[],
	crashAfterSinkOf: number | null,
	outputMode: OutputMode = 'append'
): Run {
	const outcomes: SinkWriteOutcome[] = [];
	const committed: number[] = [];
	let batchId = 0;
	let crashed = false;
	while (batchId < batches.length) {
		const rows = batches[batchId] ?? [];
		const o = sink.addBatch({ batchId, rows, outputMode, nowMs: 1000 * (batchId + 1) });
		outcomes.push(o);
		if (batchId === crashAfterSinkOf && !crashed) {
			crashed = true; // commits/N never written: the restart re-runs batch N
			continue;
		}
		committed.push(batchId);
		batchId++;
	}
	return { outcomes, committed };
}

/** The ledger's write counts of a batch, in delivery order. */
export const counts = (sink: StreamingSink, batchId: number): number[] =>
	sink.ledger.batch(batchId).map((e) => e.writes);
