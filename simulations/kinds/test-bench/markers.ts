/**
 * What happened in a test-bench run, on the page's clock (one step a second): each step of the
 * test, naming the Spark rule behind it.
 */
import type { SimMarker } from '../kind';
import { stepSentence } from './describe';
import type { BenchRun, BenchStep } from './frames';

const RULES: Readonly<Record<BenchStep['kind'], string>> = {
	addData:
		'The file source lists the directory at each trigger and reads files that are new to it; a file must appear whole (written elsewhere, then moved) (R11.2, file source).',
	process:
		'processAllAvailable blocks until all available data in the source has been processed and committed to the sink, the no-data batch a moved watermark needs included (R11.2).',
	expect:
		'The memory sink keeps every row the query wrote; spark.table(name) reads them as a batch table (R11.2, memory sink).',
	start:
		'A query started on a checkpoint resumes from its offsets, state and watermark; a memory sink recovers only in complete mode (R1.3).',
	stop: 'stop() ends the query; the checkpoint keeps what the last committed batch left (R1.3).'
};

export function markersOf(run: BenchRun): SimMarker[] {
	return run.steps.map((s, i) => ({
		id: `step-${i}`,
		atMs: s.atMs,
		kind:
			s.kind === 'expect'
				? s.passed
					? 'pass'
					: 'fail'
				: s.kind === 'start' || s.kind === 'stop'
					? s.kind === 'start' && s.error
						? 'fail'
						: 'query'
					: s.kind,
		label: stepSentence(s),
		rule: RULES[s.kind]
	}));
}
