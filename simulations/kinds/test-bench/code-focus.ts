/** The program line behind the cursor: the test statement that made the current step. */
import type { CodeSpan } from '../kind';
import { stepSentence } from './describe';
import { frameAt, type BenchRun } from './frames';

export function codeFocusAt(run: BenchRun, t: number): CodeSpan[] {
	const s = frameAt(run, t).current;
	return s ? [{ kind: s.kind, line: s.line, endLine: s.line, label: stepSentence(s) }] : [];
}
