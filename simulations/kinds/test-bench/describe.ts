/** One sentence for the frame at `t`: the test step under the cursor, with its numbers. */
import { frameAt, type BenchRun, type BenchStep } from './frames';

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;
const wm = (ms: number) => (ms === 0 ? 'none yet' : new Date(ms).toISOString().slice(11, 19));

export function stepSentence(s: BenchStep): string {
	switch (s.kind) {
		case 'addData':
			return `Line ${s.line}: the test moves ${s.file} (${rows(s.rows.length)}) into the watched directory, whole.`;
		case 'process': {
			if (s.batches.length === 0)
				return `Line ${s.line}: processAllAvailable found nothing to do (no new file, no watermark to act on).`;
			const noData = s.batches.filter((b) => b.noData).length;
			const last = s.batches.at(-1);
			const emitted = s.batches.reduce((n, b) => n + b.emitted.length, 0);
			return (
				`Line ${s.line}: processAllAvailable ran ${s.batches.length} batch${s.batches.length === 1 ? '' : 'es'}` +
				(noData > 0 ? ` (${noData} with no data, run because the watermark moved)` : '') +
				`; the sink got ${rows(emitted)}; watermark now ${wm(last?.nextWatermarkMs ?? 0)}.`
			);
		}
		case 'expect':
			return s.passed
				? `Line ${s.line}: assert ${s.source}: passes.`
				: `Line ${s.line}: assert ${s.source}: fails, ${s.actual?.text ?? 'the left side'} is not ${s.expected?.text ?? 'what it expects'}.`;
		case 'start':
			if (s.error) return `Line ${s.line}: starting the query again fails: ${s.error}`;
			return s.restart
				? `Line ${s.line}: the query starts again on the same checkpoint.`
				: `Line ${s.line}: the test starts the query (memory sink, its own checkpoint).`;
		case 'stop':
			return `Line ${s.line}: the test stops the query; its checkpoint keeps offsets, state and the watermark.`;
	}
}

export function describeFrame(run: BenchRun, t: number): string {
	const f = frameAt(run, t);
	if (!f.current) return 'The test has not started yet.';
	if (f.done) {
		const failed = run.tests.filter((x) => !x.passed);
		return failed.length === 0
			? `All ${run.tests.length} test${run.tests.length === 1 ? '' : 's'} passed.`
			: `${failed[0]?.name} failed: ${failed[0]?.failure}`;
	}
	return stepSentence(f.current);
}
