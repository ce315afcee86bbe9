/**
 * One sentence for the frame at `t`, the narration a live region reads after each batch: the
 * last finished batch in words (rows in, rows dropped as late, the windows it emitted or updated
 * with their aggregates, rows the sink received) and the watermark the next batch runs with.
 * Presenter notes read it too; every number is the engine's.
 */
import { frameAt, type EtBatch, type EtRun } from './frames';
import { seconds } from './markers';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The windows this batch emitted (append: final) or updated (update, complete), at most two
 *  named with their aggregate, the rest counted. */
function windowsOf(run: EtRun, batch: EtBatch): string | null {
	const verb = run.outputMode === 'append' ? 'emitted' : 'updated';
	const hits = run.windows.flatMap((w) => {
		const inBatch =
			run.outputMode === 'append'
				? w.emittedBatch === batch.batchId
				: w.updates.some((u) => u.batchId === batch.batchId);
		if (!inBatch) return [];
		const update = w.updates.findLast((u) => u.batchId <= batch.batchId);
		const key = w.key ? ` ${w.key}` : '';
		const value = update ? ` with ${update.label}` : '';
		return [`window [${seconds(w.startMs)}, ${seconds(w.endMs)})${key} ${verb}${value}`];
	});
	if (hits.length === 0) return null;
	const named = hits.slice(0, 2).join(', ');
	return hits.length > 2 ? `${named} and ${hits.length - 2} more` : named;
}

export function describeFrame(run: EtRun, t: number): string {
	const frame = frameAt(run, t);
	const last = frame.done.at(-1);
	const hasWatermark = run.delayMs !== null;
	const watermark = (ms: number) =>
		!hasWatermark ? '' : `; watermark ${Number.isFinite(ms) ? seconds(ms) : 'none yet'}`;
	if (!last) {
		const arrived = frame.arrived.length;
		const wm = hasWatermark ? ' Watermark: none yet.' : '';
		return `No batch has finished yet; ${plural(arrived, 'row has', 'rows have')} arrived.${wm}`;
	}
	const parts = [
		last.noData
			? 'no new rows (it ran because the watermark moved)'
			: `${plural(last.numInputRows, 'row', 'rows')} in`
	];
	if (last.numRowsDroppedByWatermark > 0)
		parts.push(`${last.numRowsDroppedByWatermark} dropped as late`);
	const windows = windowsOf(run, last);
	if (windows) parts.push(windows);
	parts.push(`${plural(last.output.length, 'row', 'rows')} to the sink (${run.outputMode} mode)`);
	return `Batch ${last.batchId}: ${parts.join(', ')}${watermark(frame.watermarkMs)}.`;
}
