/**
 * Which simulated stream feeds which source of the program: a Kafka source reads the stream
 * whose topic it subscribes to. A program that reads something the page does not produce gets a
 * located error naming what the page feeds, rather than an empty run.
 */
import type { Result } from '../../core/errors';
import type {
	AnalyzedNode,
	AnalyzedQuery,
	StatefulOperator
} from '../../structured/analyzer/types';
import type { Expr } from '../../structured/expr/ast';
import type { EventTimeInput, SourceStream } from './question';
import type { QueryError } from '../../structured/index';

export interface InputMatch {
	readonly source: AnalyzedNode;
	readonly stream: SourceStream;
}

export function matchInputs(
	q: AnalyzedQuery,
	input: EventTimeInput
): Result<InputMatch[], QueryError> {
	const topics = input.streams.map((s) => `"${s.topic}"`).join(', ');
	const out: InputMatch[] = [];
	for (const node of q.sources) {
		const p = node.plan;
		if (p.op !== 'Source') continue;
		const at = p.at;
		if (p.source.kind !== 'readStream' || p.source.format !== 'kafka') {
			return {
				ok: false,
				error: {
					line: at.line,
					column: at.column,
					message: `this page simulates Kafka topics (${topics}); the program reads ${p.source.kind === 'readStream' ? `format("${p.source.format}")` : `\`${p.source.name}\``}`,
					supported: `Read with spark.readStream.format("kafka").option("subscribe", <one of ${topics}>).`
				}
			};
		}
		const topic = p.source.options['subscribe'] ?? '';
		const stream = input.streams.find((s) => s.topic === topic);
		if (!stream) {
			return {
				ok: false,
				error: {
					line: at.line,
					column: at.column,
					message: `no simulated topic "${topic}": this page produces ${topics}`,
					supported: `Subscribe to one of ${topics}.`
				}
			};
		}
		out.push({ source: node, stream });
	}
	return { ok: true, value: out };
}

const strip = (e: Expr): Expr => (e.kind === 'alias' ? strip(e.expr) : e);

/** The tumbling/sliding window an aggregation groups by, if any (session windows have none). */
export function windowSpecOf(
	_q: AnalyzedQuery,
	op: StatefulOperator
): { durationUs: number; slideUs: number; startUs: number } | null {
	for (const g of op.groupBy ?? []) {
		const e = strip(g);
		if (e.kind === 'window')
			return { durationUs: e.durationUs, slideUs: e.slideUs, startUs: e.startUs };
	}
	return null;
}
