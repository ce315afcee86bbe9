/**
 * The program lines behind the cursor: from_json (the schema and mode every record meets) while
 * batches run, and the query each batch's rows went to. Line ranges come from the reader's
 * recorded call spans, never from scanning the text.
 */
import type { CodeSpan } from '../kind';
import { frameAt, type SeRun } from './frames';

export function codeFocusAt(run: SeRun, t: number): CodeSpan[] {
	const f = frameAt(run, t);
	const out: CodeSpan[] = [];
	if (run.spans.parse)
		out.push({
			kind: 'parse',
			...run.spans.parse,
			label: f.failed
				? 'from_json failed on a record (FAILFAST)'
				: `from_json, mode ${run.parseMode}: ${run.readerFields.length} fields in the schema`
		});
	const b = f.current;
	if (b && run.spans.good)
		out.push({ kind: 'good', ...run.spans.good, label: `${b.parsed + b.nulls} good rows written` });
	if (b && run.spans.dead)
		out.push({ kind: 'dead', ...run.spans.dead, label: `${b.corrupt} dead letters written` });
	return out;
}
