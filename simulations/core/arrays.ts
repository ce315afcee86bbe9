/**
 * Array helpers that stay safe for arrays of any length. Spreading an array into a call
 * (`xs.push(...ys)`, `Math.max(...ys)`) passes every element as an argument, and engines cap the
 * argument count (about 125,000 in V8): past it the call throws "Maximum call stack size
 * exceeded". Engine code uses these wherever the array grows with the input.
 */

/** Appends every item of `items` to `target`; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
	if (Array.isArray(items)) {
		for (let i = 0; i < items.length; i++) target.push(items[i] as T);
	} else for (const x of items) target.push(x);
	return target;
}

/** Replaces the contents of `target` with `items` in place (a list's identity is kept). */
export function replaceAll<T>(target: T[], items: readonly T[]): T[] {
	const copy = items === target ? items.slice() : items;
	target.length = 0;
	return pushAll(target, copy);
}

/** The largest number, or `empty` for none (Math.max(...xs) without the argument limit). */
export function maxOf(xs: Iterable<number>, empty = -Infinity): number {
	let m = -Infinity;
	let any = false;
	for (const x of xs) {
		any = true;
		// Math.max propagates NaN; so does this.
		if (Number.isNaN(x)) return NaN;
		if (x > m) m = x;
	}
	return any ? m : empty;
}

/** The smallest number, or `empty` for none. */
export function minOf(xs: Iterable<number>, empty = Infinity): number {
	let m = Infinity;
	let any = false;
	for (const x of xs) {
		any = true;
		if (Number.isNaN(x)) return NaN;
		if (x < m) m = x;
	}
	return any ? m : empty;
}
