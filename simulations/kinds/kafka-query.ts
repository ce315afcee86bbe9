/**
 * What the Kafka pages' runs (source-sink, schema-evolution) read off an analyzed query: the
 * Kafka source node, an error located at the query's start(), and the lines of a call as the
 * reader recorded its extent.
 */
import type { SourceError } from '../core/errors';
import type { AnalyzedQuery } from '../structured/index';
import type { AnalyzedNode } from '../structured/analyzer/types';
import { spanAt, type Pos } from '../structured/plan';

/** The Kafka source the program reads (`spark.readStream.format("kafka")…load()`). */
export function kafkaSource(q: AnalyzedQuery): AnalyzedNode | null {
	const stack = [q.root];
	while (stack.length > 0) {
		const n = stack.pop() as AnalyzedNode;
		if (n.plan.op === 'Source' && n.plan.source.kind === 'readStream') {
			if (n.plan.source.format === 'kafka') return n;
		}
		stack.push(...n.children);
	}
	return null;
}

/** A message placed at the query's writeStream call. */
export const locatedAtWrite = (q: AnalyzedQuery, message: string): SourceError => ({
	line: q.write.at.line,
	column: q.write.at.column,
	message
});

/** The lines of the call written at `at`, as the reader recorded its extent. */
export function callLines(q: AnalyzedQuery, at: Pos): { line: number; endLine: number } {
	const s = spanAt(q.spans, at);
	return { line: s?.start.line ?? at.line, endLine: s?.end.line ?? at.line };
}
