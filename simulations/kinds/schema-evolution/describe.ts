/** One sentence for the frame at `t`: the batch under the cursor and where its records went. */
import { frameAt, type SeRun } from './frames';

export function describeFrame(run: SeRun, t: number): string {
	const f = frameAt(run, t);
	if (f.failed) return `The query stopped: ${f.failed.split('\n')[0]}`;
	const b = f.current;
	if (!b) return 'No batch has run yet.';
	if (b.to === b.from) return `Batch ${b.batchId} found no new records in the topic.`;
	const ignored = f.records.filter((r) => r.batchId === b.batchId && r.ignored.length > 0);
	const names = [...new Set(ignored.flatMap((r) => r.ignored))].join(', ');
	return (
		`Batch ${b.batchId} read ${b.to - b.from} records; from_json (${run.parseMode}) made ` +
		`${b.parsed} good rows, ${b.nulls} with a null field, ${b.corrupt} dead letters` +
		(ignored.length > 0
			? `; ${ignored.length} carried ${names}, which the schema does not name: dropped.`
			: '.')
	);
}
