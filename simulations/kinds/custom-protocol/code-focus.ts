/**
 * The program lines behind the cursor: the method Spark is calling (its `def` in the program's
 * class), and the readStream/writeStream lines that named the source and sink.
 */
import type { CodeSpan } from '../kind';
import { frameAt, type CpRun } from './frames';

export function codeFocusAt(run: CpRun, t: number): CodeSpan[] {
	const c = frameAt(run, t).last;
	const out: CodeSpan[] = [];
	const lines = c ? run.methodLines[`${c.cls}.${c.method}`] : undefined;
	if (c && lines) out.push({ kind: 'method', ...lines, label: `${c.cls}.${c.method}: ${c.call}` });
	out.push({
		kind: 'source',
		line: run.loadLine,
		endLine: run.loadLine,
		label: `readStream.format("${run.sourceName}")`
	});
	out.push({
		kind: 'sink',
		line: run.startLine,
		endLine: run.startLine,
		label: `writeStream.format("${run.sinkName}")`
	});
	return out;
}
