/**
 * Where a query's program says what the run does: the `withWatermark(...)` calls (R2.1), the
 * `.outputMode(...)` call (R4.1) and the aggregation's `window(...)` / `session_window(...)`
 * grouping expression (R3.1, R3.2). The analyzer keeps each construct's start (1-based line and
 * column); a call may wrap over several lines, so its last line is found by matching its
 * parentheses in the program text, skipping Python strings and comments.
 */
import type { Pos } from '../../structured/expr/ast';
import type { AnalyzedQuery } from '../../structured/index';
import type { EtCodeSpans, EtSpan } from './frames';

export function codeSpansOf(q: AnalyzedQuery, code: string): EtCodeSpans {
	const lines = code.split('\n');
	const span = (at: Pos) => callSpan(lines, at);
	const agg = [...q.statefulOperators]
		.reverse()
		.find((o) => o.kind === 'aggregate' || o.kind === 'session');
	let window: EtSpan | null = null;
	for (const g of agg?.groupBy ?? []) {
		const e = g.kind === 'alias' ? g.expr : g;
		if ((e.kind === 'window' || e.kind === 'session_window') && e.at) {
			window = span(e.at);
			break;
		}
	}
	return {
		watermarks: q.watermarks.map((w) => span(w.at)),
		outputMode: q.write.outputModeAt ? span(q.write.outputModeAt) : null,
		window
	};
}

/**
 * The lines of the call starting at `at`: from its first `(` to the `)` that closes it.
 * @example callSpan(['x.groupBy(', '  F.window("t", "10 seconds"),', ')'], {line: 2, column: 5})
 *   // → { line: 2, column: 5, endLine: 2 }
 */
export function callSpan(lines: readonly string[], at: Pos): EtSpan {
	let depth = 0;
	let opened = false;
	let quote: string | null = null;
	for (let li = at.line - 1; li < lines.length; li++) {
		const text = lines[li] ?? '';
		for (let ci = li === at.line - 1 ? at.column - 1 : 0; ci < text.length; ci++) {
			const ch = text[ci];
			if (quote !== null) {
				if (ch === '\\') ci++;
				else if (ch === quote) quote = null;
				continue;
			}
			if (ch === '#') break; // the rest of the line is a comment
			if (ch === '"' || ch === "'") quote = ch;
			else if (ch === '(') {
				depth++;
				opened = true;
			} else if (ch === ')') {
				depth--;
				if (opened && depth === 0) return { line: at.line, column: at.column, endLine: li + 1 };
			}
		}
		// Python strings do not run past a line end (triple quotes aside, not used in calls here).
		quote = null;
		// A construct with no parentheses (never expected) is its own line only.
		if (!opened) return { line: at.line, column: at.column, endLine: at.line };
	}
	return { line: at.line, column: at.column, endLine: at.line };
}
