/**
 * Engine values as the keyed-state views print them: timestamps (epoch microseconds in rows) as
 * seconds on the page's time axis, doubles with two decimals, a state or output row as the
 * Python tuple the function reads or yields.
 */
import type { StructField, Value } from '../../structured/expr/ast';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function formatValue(v: Value, field: StructField | undefined, epochMs: number): string {
	if (v === null) return 'None';
	if (typeof v === 'number') {
		if (field?.type.kind === 'timestamp') return seconds(v / 1000 - epochMs);
		if (field?.type.kind === 'double') return v.toFixed(2);
		return String(v);
	}
	if (typeof v === 'string') return v;
	return JSON.stringify(v);
}

export const formatRow = (
	row: readonly Value[],
	schema: readonly StructField[],
	epochMs: number
): string[] => row.map((v, i) => formatValue(v, schema[i], epochMs));

export const tupleText = (
	row: readonly Value[],
	schema: readonly StructField[],
	epochMs: number
): string => `(${formatRow(row, schema, epochMs).join(', ')})`;

/** A grouping key as the page names it: the value, or a tuple for several columns. */
export const keyText = (key: readonly Value[]): string =>
	key.length === 1 ? String(key[0]) : `(${key.map(String).join(', ')})`;
