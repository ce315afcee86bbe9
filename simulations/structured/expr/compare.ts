/**
 * Ordering and equality of non-null SQL values, as Catalyst's `PhysicalDataType.ordering`:
 * numbers numerically with NaN equal to itself and above every other value (SQL semantics of
 * NaN, unlike Java's ==), strings by code units, false < true, arrays and structs element-wise.
 * Also the canonical key grouping and DISTINCT use for a value.
 */
import type { Value } from './ast';

function compareNumbers(a: number, b: number): number {
	if (a < b) return -1;
	if (a > b) return 1;
	if (a === b) return 0;
	const an = Number.isNaN(a);
	const bn = Number.isNaN(b);
	return an && bn ? 0 : an ? 1 : -1;
}

/** -1, 0 or 1; both values non-null and of the same SQL type. */
export function compareValues(a: Value, b: Value): number {
	if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
	if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
	if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
	if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
	if (Array.isArray(a) && Array.isArray(b)) {
		const n = Math.min(a.length, b.length);
		for (let i = 0; i < n; i++) {
			const c = compareValues((a[i] ?? null) as Value, (b[i] ?? null) as Value);
			if (c !== 0) return c;
		}
		return a.length - b.length === 0 ? 0 : a.length < b.length ? -1 : 1;
	}
	if (typeof a === 'object' && typeof b === 'object') {
		const ao = a as { readonly [f: string]: Value };
		const bo = b as { readonly [f: string]: Value };
		for (const k of Object.keys(ao)) {
			const c = compareValues(ao[k] ?? null, bo[k] ?? null);
			if (c !== 0) return c;
		}
		return 0;
	}
	return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** SQL `=` on non-null values (NaN = NaN, 0.0 = -0.0). */
export function valuesEqual(a: Value, b: Value): boolean {
	if (a === b) return true;
	if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	return compareValues(a, b) === 0;
}

/** A string that is equal for SQL-equal values: the grouping / DISTINCT key. */
export function valueKey(v: Value): string {
	if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v);
	if (typeof v === 'string') return `'${v}`;
	if (v === null) return 'null';
	return typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}
