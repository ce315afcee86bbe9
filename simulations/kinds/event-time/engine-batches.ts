/**
 * Where the watermark stands, batch by batch, as the engine's own run of the page's program says
 * it, so a preset can script a row on a chosen side of it. Scripted rows are placed from the
 * analyzed program, not from a second copy of the watermark rules: whatever the engine does with
 * triggers, no-data batches and the multi-stream policy, the rows land where it says.
 */
import { runEventTimeProgram } from './run';
import { EPOCH_OFFSET_MS, type EventTimeInput, type SimEvent } from './question';

export interface PlannedBatch {
	readonly batchId: number;
	/** Virtual processing time of the trigger that ran the batch. */
	readonly triggerAtMs: number;
	readonly noData: boolean;
	/** batchWatermarkMs (virtual ms): evicts state and emits append-mode results. */
	readonly watermarkMs: number;
	/** The previous batch's watermark (virtual ms): input rows at or below it are late. */
	readonly lateWatermarkMs: number;
}

/** "No watermark yet" is epoch 0 in Spark; the run shows it as -Infinity. Scripts do arithmetic
 *  on it, so it goes back to epoch 0 on the virtual clock. */
const virtual = (ms: number) => (ms === -Infinity ? -EPOCH_OFFSET_MS : ms);

/** `engineBatches`, passed to a question's `input` by the kind's engine (engine.ts). */
export type BatchPlanner = (
	code: string,
	input: EventTimeInput,
	kafkaValue: (e: SimEvent) => string
) => PlannedBatch[];

/** The batches the engine runs for `code` over `input` (none when the program does not run). */
export function engineBatches(
	code: string,
	input: EventTimeInput,
	kafkaValue: (e: SimEvent) => string
): PlannedBatch[] {
	const run = runEventTimeProgram(code, { input, kafkaValue });
	if (!run.ok) return [];
	return run.value.batches.map((b, k, all) => ({
		batchId: b.batchId,
		triggerAtMs: b.startMs,
		noData: b.noData,
		watermarkMs: virtual(b.watermarkMs),
		lateWatermarkMs: virtual(k === 0 ? -Infinity : (all[k - 1]?.watermarkMs ?? -Infinity))
	}));
}
