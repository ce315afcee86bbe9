/**
 * Predict, then reveal, on a test: how many rows the memory table holds at the first assert
 * (append mode holds a window back until the watermark passes its end), and how many batches a
 * later processAllAvailable runs (a no-data batch runs when the watermark moved). Asked on the
 * step before, answered from the run.
 */
import type { Prediction } from '../kind';
import { numericChoices } from '../predict-choices';
import type { BenchRun, BenchStep, ExpectStep, ProcessStep } from './frames';

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;
const batches = (n: number) => `${n} ${n === 1 ? 'batch' : 'batches'}`;

function before(run: BenchRun, s: BenchStep): number | null {
	const i = run.steps.indexOf(s);
	const prev = run.steps[i - 1];
	return prev ? prev.atMs : null;
}

/** The first assert that read a memory table: how many rows were there. */
function tableRows(run: BenchRun): Prediction | null {
	const s = run.steps.find((x): x is ExpectStep => x.kind === 'expect' && x.table !== null);
	const ask = s ? before(run, s) : null;
	if (!s || !s.table || ask === null) return null;
	const n = s.table.rows.length;
	const added = run.steps
		.slice(0, run.steps.indexOf(s))
		.reduce((k, x) => k + (x.kind === 'addData' ? x.rows.length : 0), 0);
	const { choices, answer } = numericChoices(n, [0, 1, added], rows);
	return {
		id: `table-${run.steps.indexOf(s)}`,
		askAtMs: ask,
		revealAtMs: s.atMs,
		question: `The test has added ${rows(added)} and processed all available data. How many rows does spark.table("${s.table.name}") hold now (${run.outputMode} mode)?`,
		choices,
		answer,
		explanation:
			n === 0
				? `None: in ${run.outputMode} mode a window is written once, after the watermark passes its end, and the watermark (latest event time minus the delay) has not passed it yet.`
				: `${rows(n)}: ${run.outputMode === 'update' ? 'update mode writes a window’s count as soon as it changes, open or not' : 'the watermark passed the end of those windows, so append mode wrote them'}.`
	};
}

/** The last processAllAvailable: how many batches it ran. */
function batchCount(run: BenchRun, after: number): Prediction | null {
	const s = [...run.steps]
		.reverse()
		.find((x): x is ProcessStep => x.kind === 'process' && x.atMs > after && x.batches.length > 0);
	const ask = s ? before(run, s) : null;
	if (!s || ask === null) return null;
	const n = s.batches.length;
	const noData = s.batches.filter((b) => b.noData).length;
	const { choices, answer } = numericChoices(n, [1, 2, 3], batches);
	return {
		id: `batches-${run.steps.indexOf(s)}`,
		askAtMs: ask,
		revealAtMs: s.atMs,
		question: `One new file is there. How many micro-batches will query.processAllAvailable() on line ${s.line} run?`,
		choices,
		answer,
		explanation:
			noData > 0
				? `${batches(n)}: one read the file and moved the watermark; then a no-data batch, because the watermark moved and the aggregation may now close windows and drop their state. processAllAvailable returns only when a trigger finds nothing left to do.`
				: `${batches(n)}: the batch that read the file; the watermark did not move, so no no-data batch followed.`
	};
}

export function predictionsOf(run: BenchRun): readonly Prediction[] {
	const first = tableRows(run);
	const second = batchCount(run, first?.revealAtMs ?? 0);
	return [first, second]
		.filter((p): p is Prediction => p !== null)
		.filter((p) => p.revealAtMs <= run.endMs)
		.sort((a, b) => a.askAtMs - b.askAtMs)
		.filter((p, i, all) => i === 0 || p.askAtMs >= (all[i - 1] as Prediction).revealAtMs);
}
