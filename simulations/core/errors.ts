/**
 * Errors are values at the engine's boundary: the reader and planner return them, never throw
 * them into the UI. `line` and `column` are 1-based positions in the program text.
 */
export interface SourceError {
	readonly line: number;
	readonly column: number;
	readonly endLine?: number;
	readonly endColumn?: number;
	readonly message: string;
	/** What the engine does support here, in a sentence a user can act on. */
	readonly supported?: string;
}

export type Result<T, E = SourceError> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

const NATIVE: readonly (new (...a: never[]) => Error)[] = [
	RangeError,
	TypeError,
	ReferenceError,
	SyntaxError,
	EvalError,
	URIError
];

/**
 * The message a user sees for something a run threw. The engines' own errors (Spark's and
 * Python's texts, the run budget's) are shown as they are; an error of JavaScript's own (a stack
 * overflow, a value too large, a bug) never shows its name or words: it says what happened in
 * the playground's terms, and that it is the playground's limit or fault, not Spark's.
 */
export function userMessage(e: unknown): string {
	const native = e instanceof Error && NATIVE.some((c) => e.constructor === c);
	if (!native) return e instanceof Error ? e.message : String(e);
	const text = (e as Error).message;
	if (/call stack/i.test(text))
		return 'this program nests deeper than the playground’s engine follows (a limit of the playground, not of Spark).';
	if (/Invalid (string|array|typed array) length|allocation failed/i.test(text))
		return 'this run’s values grew past what the playground can hold (a limit of the playground, not of Spark). Shorten the run or lower the rate.';
	if (/Invalid time value/i.test(text))
		return 'a timestamp here is outside the range the playground can show (a limit of the playground, not of Spark).';
	return 'the playground’s engine failed on this program: a fault of the playground, not a Spark error. Please report it with the page’s share link.';
}
