/** One sentence for the frame at `t`: the call Spark just made, in the batch on screen. */
import { frameAt, type CpRun } from './frames';

export function describeFrame(run: CpRun, t: number): string {
	const f = frameAt(run, t);
	if (f.failed) return `The query stopped: ${f.failed.split('\n')[0]}`;
	if (f.down)
		return 'The query crashed and is down; on restart it reads its checkpoint, not the source’s initialOffset.';
	const c = f.last;
	if (!c) return 'The query has not started yet.';
	const where =
		c.batchId < 0 ? 'Query start' : `Batch ${c.batchId}${c.attempt > 0 ? ' (replay)' : ''}`;
	const who =
		c.side === 'checkpoint'
			? 'Spark writes '
			: c.side === 'query'
				? ''
				: `the ${c.side} calls ${c.cls}.`;
	const result =
		c.result && c.side !== 'checkpoint'
			? ` → ${c.result.slice(0, 80)}`
			: c.side === 'checkpoint'
				? ` ${c.result}`
				: '';
	const replay =
		f.batch && f.batch.attempt > 0 && f.done.includes(f.batch)
			? ` The replay read ${f.batch.differingRows} of ${f.batch.rows} rows differently from the first run.`
			: '';
	return `${where}: ${who}${c.call}${result}.${replay}`;
}
