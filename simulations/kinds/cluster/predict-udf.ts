/**
 * Predict, then reveal, on a page that writes one transformation as a built-in or a UDF
 * (advanced-13): will the program's way of writing it keep up with the input rate (its
 * ceiling against the rate), and where does a batch's task time go (JVM, serialization and
 * transfer, or Python). Asked before the batch runs, answered from the run.
 */
import type { Prediction } from '../kind';
import { YES_NO } from '../predict-choices';
import type { CBatch, ClusterSimRun, CostParts } from './frames';

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const WHERE: Readonly<Record<keyof CostParts, string>> = {
	jvmMs: 'JVM work',
	transferMs: 'serialization + transfer to Python',
	pythonMs: 'Python work'
};
const KIND: Readonly<Record<string, string>> = {
	builtin: 'built-in expression',
	python: 'Python UDF',
	arrow: 'Arrow UDF',
	pandas: 'pandas UDF'
};

export function udfPredictionsOf(run: ClusterSimRun, batches: readonly CBatch[]): Prediction[] {
	const out: Prediction[] = [];
	const current = run.ceilings?.find((c) => c.current);
	const rate = run.settings.api === 'structured' ? (run.settings.rate?.rowsPerSecond ?? 0) : 0;
	const first = batches.find((b) => b.records > 0 && b.costParts);
	if (current && first && rate > 0) {
		const keeps = current.rowsPerSecond >= rate;
		const last = batches[batches.length - 1];
		out.push({
			id: `udf-keeps-up-${first.id}`,
			askAtMs: first.dueMs,
			revealAtMs: Math.max(first.startMs, first.dueMs + 1),
			question: `The source writes ${n(rate)} rows/s through the ${KIND[current.kind]}. Will the query keep up?`,
			choices: YES_NO,
			answer: keeps ? 'yes' : 'no',
			explanation: keeps
				? `Yes: on these cores the ${KIND[current.kind]} can take about ${n(current.rowsPerSecond)} rows/s, above the input rate, so each batch ends well inside the trigger interval.`
				: `No: the ${KIND[current.kind]} takes at most about ${n(current.rowsPerSecond)} rows/s here, under the input rate; batches outlast the trigger and ${n(last?.backlogAtEnd ?? 0)} rows wait at the end of the run.`
		});
	}
	const b = batches.find((x) => x.records > 0 && x.costParts && x.id !== first?.id);
	if (b?.costParts) {
		const p = b.costParts;
		const parts = (Object.keys(WHERE) as (keyof CostParts)[]).filter((k) => p[k] > 0);
		const most = parts.reduce((a, k) => (p[k] > p[a] ? k : a), 'jvmMs' as keyof CostParts);
		out.push({
			id: `udf-where-${b.id}`,
			askAtMs: b.dueMs,
			revealAtMs: Math.max(b.startMs, b.dueMs + 1),
			question: `Where will most of batch ${b.id}’s task time go?`,
			choices: (Object.keys(WHERE) as (keyof CostParts)[]).map((k) => ({
				id: k,
				label: WHERE[k]
			})),
			answer: most,
			explanation: `Batch ${b.id}’s tasks spent ${n(p.jvmMs)} ms in the JVM, ${n(p.transferMs)} ms moving rows to and from Python workers and ${n(p.pythonMs)} ms in Python: most of it on ${WHERE[most]}.`
		});
	}
	return out;
}
