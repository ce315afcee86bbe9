/**
 * Python exceptions and unsupported constructs as located values. A runtime error in a user
 * lambda (ZeroDivisionError, TypeError, KeyError, ...) or a construct outside the subset becomes
 * a SourceError pointing at the code, the way PySpark would surface the worker's traceback line.
 * Internally they travel as a thrown PyException; the public API catches every one.
 */
import { userMessage, type SourceError } from '../core/errors';
import { RunLimitExceeded } from '../core/budget';

/** Offsets into the program text (Lezer positions). */
export interface Span {
	readonly from: number;
	readonly to: number;
}

export class PyException {
	span: Span | undefined;
	constructor(
		/** Python's exception class name, or 'NotSupported' for constructs outside the subset. */
		readonly pyType: string,
		readonly message: string,
		span?: Span,
		readonly supported?: string
	) {
		this.span = span;
	}
}

export const SUBSET_SUMMARY =
	'The simulator runs a Python subset: literals, tuples, lists, dicts, arithmetic, comparisons, ' +
	'and/or/not, conditional expressions, lambda, def with if/elif/else, for, while, return, ' +
	'yield, try/except, raise, assert, classes, ' +
	'comprehensions, builtins (len, sum, min, max, sorted, abs, str, int, float, list, tuple, ' +
	'range, enumerate, zip, map, filter, isinstance...) and str/list/dict methods.';

export function notSupported(construct: string, span?: Span): PyException {
	return new PyException(
		'NotSupported',
		`${construct}: outside the Python subset the simulator runs`,
		span,
		SUBSET_SUMMARY
	);
}

/** 1-based line and column of an offset. */
export function lineCol(src: string, pos: number): { line: number; column: number } {
	let line = 1;
	let start = 0;
	const end = Math.min(Math.max(pos, 0), src.length);
	for (let i = 0; i < end; i++) {
		if (src.charCodeAt(i) === 10) {
			line++;
			start = i + 1;
		}
	}
	return { line, column: end - start + 1 };
}

export function toSourceError(src: string, e: PyException): SourceError {
	const span = e.span ?? { from: 0, to: 0 };
	const a = lineCol(src, span.from);
	const b = lineCol(src, span.to);
	const message = e.pyType === 'NotSupported' ? e.message : `${e.pyType}: ${e.message}`;
	return {
		line: a.line,
		column: a.column,
		endLine: b.line,
		endColumn: b.column,
		message,
		...(e.supported ? { supported: e.supported } : {})
	};
}

/** Anything thrown (a PyException, or a JS error such as a stack overflow) as a PyException. */
export function asPyException(e: unknown, span?: Span): PyException {
	if (e instanceof PyException) {
		if (!e.span && span) e.span = span;
		return e;
	}
	// A run limit is the playground's own sentence, shown as it is, where the run was.
	if (e instanceof RunLimitExceeded) return new PyException('NotSupported', e.message, span);
	if (e instanceof RangeError) {
		// Only a stack overflow is a recursion; a string or array past what the JS engine can
		// hold is Python's MemoryError (a RangeError too, but calling it recursion would lie).
		if (/call stack/i.test(e.message)) {
			return new PyException('RecursionError', 'maximum recursion depth exceeded', span);
		}
		if (/Invalid (string|array|typed array) length/i.test(e.message)) {
			return new PyException('MemoryError', 'the value is too large for the simulator', span);
		}
	}
	// The playground's own fault, said in its own words (never JavaScript's), where it happened.
	return new PyException('NotSupported', userMessage(e), span);
}
