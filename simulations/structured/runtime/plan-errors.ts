/**
 * Physical planning failures: an expression the executor cannot compile (already rejected by the
 * analyzer in a correct program) or a plan shape it does not run. Carried as a value to the
 * query boundary; thrown only inside the planner, where every call site is under one try.
 */
import type { Pos } from '../expr/ast';
import type { SourceError } from '../../core/errors';

export class PlanError extends Error {
	constructor(
		message: string,
		readonly at?: Pos
	) {
		super(message);
	}

	toSourceError(): SourceError {
		return { line: this.at?.line ?? 1, column: this.at?.column ?? 1, message: this.message };
	}
}

export function unwrap<T>(
	r: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown },
	at?: Pos
): T {
	if (r.ok) return r.value;
	const e = r.error as { message?: string; line?: number; column?: number } | string;
	if (typeof e === 'string') throw new PlanError(e, at);
	const pos = e.line !== undefined ? { line: e.line, column: e.column ?? 1 } : at;
	throw new PlanError(e.message ?? String(e), pos);
}
