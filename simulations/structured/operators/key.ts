/**
 * Grouping keys. Spark hashes the UnsafeRow of the key columns; two keys are equal when every
 * column is equal (NULL equals NULL for grouping, unlike `=`). The engine encodes a key as a
 * string so it can index a Map; struct keys (a `window` column) are encoded by their fields.
 * Source: Catalyst's grouping semantics (Aggregate, Deduplicate, join keys via UnsafeRow).
 */
import type { Value } from '../expr/ast';

/** One key column's encoding; `keyOf` joins them with \u0001. */
export function keyPart(v: Value): string {
	if (v === null) return '\u0002';
	switch (typeof v) {
		case 'number':
			return Object.is(v, -0) ? 'n0' : 'n' + v;
		case 'string':
			return 's' + v;
		case 'boolean':
			return v ? 'T' : 'F';
		default: {
			// window / session_window structs are the common struct key: encode them cheaply.
			const o = v as { start?: Value; end?: Value };
			if (
				!Array.isArray(v) &&
				typeof o.start === 'number' &&
				typeof o.end === 'number' &&
				Object.keys(v).length === 2
			) {
				return 'w' + o.start + ':' + o.end;
			}
			return 'j' + JSON.stringify(v);
		}
	}
}

/** One string per distinct key tuple. */
export function keyOf(values: readonly Value[]): string {
	if (values.length === 1) return keyPart(values[0] as Value);
	let out = '';
	for (let i = 0; i < values.length; i++) out += (i ? '\u0001' : '') + keyPart(values[i] as Value);
	return out;
}

/** Equi-join keys never match when any key column is NULL (`=` is not null-safe). */
export function hasNull(values: readonly Value[]): boolean {
	for (const v of values) if (v === null) return true;
	return false;
}
