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
