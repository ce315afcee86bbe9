/**
 * What a query's `from_json` call says, read off its analyzed plan: the schema it parses with
 * and its parse mode. Shared by the pages that parse a Kafka payload (schema evolution, a
 * cluster page's bad records).
 */
import type { Expr } from '../expr/ast';
import type { AnalyzedQuery } from './types';

/** The first from_json call anywhere in the query's plan. */
export function fromJsonCall(q: AnalyzedQuery): Extract<Expr, { kind: 'call' }> | null {
	const seen = new Set<object>();
	const stack: unknown[] = [q.root];
	while (stack.length > 0) {
		const x = stack.pop();
		if (x === null || typeof x !== 'object' || seen.has(x)) continue;
		seen.add(x);
		const o = x as Record<string, unknown>;
		if (o.kind === 'call' && o.fn === 'from_json') return o as Extract<Expr, { kind: 'call' }>;
		stack.push(...Object.values(o));
	}
	return null;
}

export function stringLiteral(e: Expr | undefined): string | null {
	return e?.kind === 'lit' && typeof e.value === 'string' ? e.value : null;
}

/** from_json's mode as ParseMode reads it (an unknown one is PERMISSIVE). */
export function parseModeOf(q: AnalyzedQuery | undefined): 'PERMISSIVE' | 'FAILFAST' {
	const opts = q ? stringLiteral(fromJsonCall(q)?.args[2]) : null;
	const mode =
		opts === null
			? 'PERMISSIVE'
			: String((JSON.parse(opts) as Record<string, string>).mode ?? 'PERMISSIVE').toUpperCase();
	return mode === 'FAILFAST' ? mode : 'PERMISSIVE';
}
