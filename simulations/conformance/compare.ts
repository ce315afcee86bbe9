/**
 * Row comparison for conformance checks (tests/conformance/spark/FORMAT.md): multisets unless
 * the step says `ordered`; doubles with a relative tolerance of 1e-9; timestamps are seconds
 * (engine microseconds / 1e6) and compare to the microsecond; structs are objects of their
 * fields. Values are converted from the engine's representation by the sink schema.
 */
import type { DataType, StructField, Value } from '../structured/expr/ast';

/** Engine value → the scenario's JSON representation (timestamps in seconds). */
export function toScenarioValue(v: Value, t: DataType): unknown {
	if (v === null) return null;
	switch (t.kind) {
		case 'timestamp':
			return (v as number) / 1e6;
		case 'struct': {
			const o = v as Record<string, Value>;
			const out: Record<string, unknown> = {};
			for (const f of t.fields) out[f.name] = toScenarioValue(o[f.name] ?? null, f.type);
			return out;
		}
		case 'array':
			return (v as Value[]).map((x) => toScenarioValue(x, t.element));
		default:
			return v;
	}
}

/** Scenario JSON → engine value (timestamps seconds → microseconds). */
export function fromScenarioValue(v: unknown, t: DataType): Value {
	if (v === null || v === undefined) return null;
	if (t.kind === 'timestamp') return Math.round((v as number) * 1e6);
	return v as Value;
}

export function valueEquals(expected: unknown, actual: unknown, t: DataType | undefined): boolean {
	if (expected === null || actual === null) return expected === actual;
	if (typeof expected === 'number' && typeof actual === 'number') {
		if (expected === actual) return true;
		if (t?.kind === 'timestamp') return Math.abs(expected - actual) < 5e-7;
		if (t?.kind === 'double') {
			return Math.abs(expected - actual) <= 1e-9 * Math.max(Math.abs(expected), Math.abs(actual));
		}
		return false;
	}
	if (Array.isArray(expected) && Array.isArray(actual)) {
		const el = t?.kind === 'array' ? t.element : undefined;
		return (
			expected.length === actual.length && expected.every((e, i) => valueEquals(e, actual[i], el))
		);
	}
	if (typeof expected === 'object' && typeof actual === 'object') {
		const e = expected as Record<string, unknown>;
		const a = actual as Record<string, unknown>;
		const fields = t?.kind === 'struct' ? t.fields : [];
		const keys = Object.keys(e);
		if (keys.length !== Object.keys(a).length) return false;
		return keys.every((k) => valueEquals(e[k], a[k], fields.find((f) => f.name === k)?.type));
	}
	return expected === actual;
}

export function rowEquals(
	e: readonly unknown[],
	a: readonly unknown[],
	schema: readonly StructField[]
) {
	return e.length === a.length && e.every((v, i) => valueEquals(v, a[i], schema[i]?.type));
}

/** Whether `actual` matches `expected` as a multiset (or in order). */
export function rowsMatch(
	expected: readonly (readonly unknown[])[],
	actual: readonly (readonly unknown[])[],
	schema: readonly StructField[],
	ordered: boolean
): boolean {
	if (expected.length !== actual.length) return false;
	if (ordered) return expected.every((e, i) => rowEquals(e, actual[i] as unknown[], schema));
	const used = new Array<boolean>(actual.length).fill(false);
	for (const e of expected) {
		const j = actual.findIndex((a, k) => !used[k] && rowEquals(e, a, schema));
		if (j < 0) return false;
		used[j] = true;
	}
	return true;
}

export const showRows = (rows: readonly (readonly unknown[])[]): string =>
	rows.length === 0 ? '[]' : rows.map((r) => JSON.stringify(r)).join(',');
