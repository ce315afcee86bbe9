/**
 * Where a query's program says what the run does: the `withWatermark(...)` calls (R2.1), the
 * `.outputMode(...)` call (R4.1) and the aggregation's `window(...)` / `session_window(...)`
 * grouping expression (R3.1, R3.2). The analyzer keeps each construct's start (1-based line and
 * column); a call may wrap over several lines, and its full extent is the one the reader recorded.
 */
import type { Pos } from '../../structured/expr/ast';
import type { AnalyzedQuery } from '../../structured/index';
import { spanAt, type CallSpan } from '../../structured/plan';
import type { EtCodeSpans, EtSpan } from './frames';

export function codeSpansOf(q: AnalyzedQuery): EtCodeSpans {
	const span = (at: Pos) => spanOf(q.spans, at);
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
 * The lines of the call whose name is written at `at`, from the extent the reader recorded when it
 * read the program (Query.spans): no parentheses are matched here. A hand-built plan (tests) has no
 * recorded spans; the construct's own line stands in.
 */
export function spanOf(spans: readonly CallSpan[] | undefined, at: Pos): EtSpan {
	const s = spanAt(spans, at);
	return { line: at.line, column: at.column, endLine: s?.end.line ?? at.line };
}
