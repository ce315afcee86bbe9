/**
 * The program lines behind the cursor: the line that sets the batch's pace (the trigger, or
 * `StreamingContext(sc, n)`), the option that bounds it (maxOffsetsPerTrigger) when this batch
 * was capped, and the aggregation while its shuffle stage runs. Lines come from the reader
 * (settings.ts), never from scanning the text here.
 */
import type { CodeSpan } from '../kind';
import { frameAt, type ClusterSimRun } from './frames';

export function clusterCodeFocusAt(run: ClusterSimRun, t: number): CodeSpan[] {
	const f = frameAt(run, t);
	const b = f.running ?? f.last;
	if (!b) return [];
	const out: CodeSpan[] = [];
	const at = (kind: string, line: number | null, label: string) => {
		if (line !== null) out.push({ kind, line, endLine: line, label });
	};
	const s = run.settings;
	if (s.api === 'structured') {
		at(
			'source',
			s.lines.source,
			`batch ${b.id} reads ${b.records.toLocaleString('en-US')} offsets`
		);
		if (s.maxOffsetsPerTrigger !== null && b.records >= s.maxOffsetsPerTrigger)
			at('limit', s.lines.limit, `capped at ${s.maxOffsetsPerTrigger.toLocaleString('en-US')}`);
		if (f.running) at('aggregate', s.lines.aggregate, 'its shuffle stage updates the state');
		at('trigger', s.lines.trigger, `due at ${(b.dueMs / 1000).toFixed(1)} s`);
	} else {
		at('batch', s.batchLine, `batch at ${(b.dueMs / 1000).toFixed(1)} s`);
	}
	return out.sort((x, y) => x.line - y.line);
}
