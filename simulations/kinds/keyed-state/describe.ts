/** One sentence for the frame at `t`: the batch under the cursor, its calls and its state. */
import { frameAt, type KsRun } from './frames';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeFrame(run: KsRun, t: number): string {
	const f = frameAt(run, t);
	if (f.failed) return `The query stopped: ${f.failed.split('\n')[0]}`;
	const b = f.current;
	if (!b) return 'No batch has run yet; the state store is empty.';
	const keys = plural(b.state.length, 'key');
	if (run.operator === 'aggregation') {
		const touched = b.state.filter((r) => r.touched).length;
		return `Batch ${b.batchId} read ${plural(b.numInputRows, 'row')} and updated ${plural(touched, 'state row')}; the store now holds ${keys}, and ${plural(b.emitted.length, 'row')} went to the sink (${run.outputMode} mode).`;
	}
	const withRows = b.calls.filter((c) => !c.hasTimedOut);
	const timedOut = b.calls.filter((c) => c.hasTimedOut);
	const head = b.noData
		? `Batch ${b.batchId} had no new rows and ran only to check timeouts`
		: `Batch ${b.batchId} called ${run.functionName ?? 'the function'} for ${plural(withRows.length, 'key')} with rows`;
	const fired =
		timedOut.length > 0
			? `; ${timedOut.map((c) => c.key).join(', ')} timed out (hasTimedOut = True) and emitted ${plural(
					timedOut.reduce((n, c) => n + c.emitted.length, 0),
					'row'
				)}`
			: b.noData
				? '; no deadline had passed'
				: '';
	// Rows the calls with data yielded (advanced-15's anomalies): the sink's rows of this batch.
	const fromRows = withRows.reduce((n, c) => n + c.emitted.length, 0);
	const yielded = fromRows > 0 ? `, which yielded ${plural(fromRows, 'row')} to the sink` : '';
	return `${head}${yielded}${fired}. State holds ${keys}.`;
}
