/**
 * Small structural helpers over the expression AST the physical planner needs: alias
 * stripping, structural equality (ignoring program positions, as Catalyst's semanticEquals
 * ignores expression ids), and the columns an expression references.
 */
import type { Expr, StructField, Value } from '../expr/ast';

export const stripAlias = (e: Expr): Expr => (e.kind === 'alias' ? stripAlias(e.expr) : e);

const canon = (e: unknown): string =>
	JSON.stringify(e, (k, v: unknown) => (k === 'at' ? undefined : v));

export const sameExpr = (a: Expr, b: Expr): boolean => canon(a) === canon(b);

export function columnsOf(e: Expr, out: Extract<Expr, { kind: 'col' }>[] = []) {
	const visit = (x: unknown): void => {
		if (x === null || typeof x !== 'object') return;
		if (Array.isArray(x)) {
			for (const y of x) visit(y);
			return;
		}
		const o = x as { kind?: string };
		if (o.kind === 'col') out.push(x as Extract<Expr, { kind: 'col' }>);
		for (const [k, v] of Object.entries(o)) if (k !== 'at') visit(v);
	};
	visit(e);
	return out;
}

/** Index of a column by name (case-insensitive, as Spark's default resolver). */
export function fieldIndex(schema: readonly StructField[], name: string): number {
	const lower = name.toLowerCase();
	return schema.findIndex((f) => f.name.toLowerCase() === lower);
}

/** Spark's default ordering: NULLs first ascending; structs and arrays field by field. */
export function compareValues(a: Value, b: Value): number {
	if (a === b) return 0;
	if (a === null) return -1;
	if (b === null) return 1;
	if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
	if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
	if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
	if (Array.isArray(a) && Array.isArray(b)) {
		for (let i = 0; i < Math.min(a.length, b.length); i++) {
			const c = compareValues(a[i] as Value, b[i] as Value);
			if (c !== 0) return c;
		}
		return a.length - b.length;
	}
	if (typeof a === 'object' && typeof b === 'object') {
		const ao = a as Record<string, Value>;
		const bo = b as Record<string, Value>;
		for (const k of Object.keys(ao)) {
			const c = compareValues(ao[k] ?? null, bo[k] ?? null);
			if (c !== 0) return c;
		}
		return 0;
	}
	return String(a) < String(b) ? -1 : 1;
}
