/**
 * Values crossing between Spark rows and the pandas data a user function sees, as Arrow hands
 * them over: integral → int, double → float, string → str, boolean → bool, timestamp → a pandas
 * Timestamp (UTC), NULL → None. Back from a yielded DataFrame, each column is converted to the
 * declared output type; a value that does not fit fails the batch with Arrow's complaint.
 */
import { PyFloat, PyTuple, numeric, typeName, type PyValue as Py } from '../../python/values';
import type { DataType, StructField, Value } from '../expr/ast';
import { ExprRuntimeError } from '../expr/runtime-error';
import { PdTimestamp } from '../pandas/modules';

export function toPython(v: Value, t: DataType | undefined): Py {
	if (v === null || v === undefined) return null;
	if (t?.kind === 'timestamp' && typeof v === 'number') return new PdTimestamp(v);
	if (typeof v === 'number') return t?.kind === 'double' ? new PyFloat(v) : v;
	if (typeof v === 'string' || typeof v === 'boolean') return v;
	if (Array.isArray(v))
		return v.map((x: Value) => toPython(x, t?.kind === 'array' ? t.element : undefined));
	return null;
}

const arrowError = (field: string, v: Py, t: DataType) =>
	new ExprRuntimeError(
		'PYTHON_EXCEPTION',
		`Exception thrown when converting pandas.Series (${typeName(v)}) with name '${field}' to Arrow Array (${t.kind}).`
	);

export function toSpark(v: Py, t: DataType, field: string): Value {
	if (v === null) return null;
	if (v instanceof PyFloat && Number.isNaN(v.v)) return null;
	switch (t.kind) {
		case 'int':
		case 'long': {
			const n = numeric(v);
			if (n === undefined || !Number.isInteger(n)) throw arrowError(field, v, t);
			return n;
		}
		case 'double': {
			const n = numeric(v);
			if (n === undefined) throw arrowError(field, v, t);
			return n;
		}
		case 'string':
			if (typeof v !== 'string') throw arrowError(field, v, t);
			return v;
		case 'boolean':
			if (typeof v !== 'boolean') throw arrowError(field, v, t);
			return v;
		case 'timestamp':
			if (v instanceof PdTimestamp) return v.micros;
			throw arrowError(field, v, t);
		default:
			throw arrowError(field, v, t);
	}
}

/** A state value (a Python tuple) as the row the state schema stores. */
export function stateRow(v: Py, schema: readonly StructField[]): Value[] {
	const items = v instanceof PyTuple ? v.items : Array.isArray(v) ? v : [v];
	if (items.length !== schema.length)
		throw new ExprRuntimeError(
			'PYTHON_EXCEPTION',
			`the state value has ${items.length} field(s) but the state schema has ${schema.length}`
		);
	return schema.map((f, i) => toSpark(items[i] ?? null, f.type, f.name));
}

export const stateTuple = (row: readonly Value[], schema: readonly StructField[]): PyTuple =>
	new PyTuple(row.map((x, i) => toPython(x, schema[i]?.type)));
