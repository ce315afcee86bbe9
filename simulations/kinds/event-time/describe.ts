/**
 * One sentence for the frame at `t`: the last finished batch in words (rows in, rows dropped as
 * late, rows the sink received) and the watermark the next batch runs with. For a screen
 * reader's live region now, presenter notes later; the numbers are the engine's.
 */
import { frameAt, type EtRun } from './frames';
import { seconds } from './markers';

export function describeFrame(run: EtRun, t: number): string {
	const frame = frameAt(run, t);
	const last = frame.done.at(-1);
	if (!last) {
		const arrived = frame.arrived.length;
		return `No batch has finished yet; ${arrived} ${arrived === 1 ? 'row has' : 'rows have'} arrived. Watermark: none yet.`;
	}
	const parts = [`${last.numInputRows} ${last.numInputRows === 1 ? 'row' : 'rows'} in`];
	if (last.numRowsDroppedByWatermark > 0)
		parts.push(`${last.numRowsDroppedByWatermark} dropped as late`);
	parts.push(
		`${last.output.length} ${last.output.length === 1 ? 'row' : 'rows'} to the sink (${run.outputMode} mode)`
	);
	return `Batch ${last.batchId}: ${parts.join(', ')}; watermark ${seconds(frame.watermarkMs)}.`;
}
