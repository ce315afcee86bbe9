/**
 * `F.udf(f, returnType)`: a Python function applied to Columns. Calling the udf builds a Column
 * that Spark names `f(args)`; at run time the interpreter calls `f` once per row. Values cross as
 * PySpark's pickled converters hand them over (SQL NULL ↔ None, integral ↔ int, double ↔ float,
 * string ↔ str, boolean ↔ bool, array ↔ list; a timestamp or struct argument, a datetime or Row in
 * PySpark, is refused when the query is analyzed), and a result that does not fit the declared return
 * type is NULL, as PySpark's pickled (non-Arrow) udf converts it: an int for DoubleType is NULL;
 * StringType takes any value's Java string form. A Python exception fails the batch with
 * PYTHON_EXCEPTION, pointing at the line of the function where it was raised.
 */
import { asPyException, lineCol } from '../../python/errors';
import { PyFloat, PyTuple, type PyFunction, type PyValue as Py } from '../../python/values';
import type { DataType, Expr, PythonUdf, Value } from '../expr/ast';
import { ExprRuntimeError } from '../expr/runtime-error';
import { columnOrName, type Args } from './args';
import type { PyValue } from './values';

/** The Column `udf(args...)` builds. */
export function applyUdf(u: PyValue & { t: 'udf' }, a: Args, src: string): PyValue {
	const args: Expr[] = a.pos.map((x) => columnOrName(x, u.name));
	const udf: PythonUdf = {
		returnType: u.returnType,
		call: (values, types) => callRow(u.py, u.returnType, values, types, src),
		refuse: (types) => {
			const bad = types.find((t) => !crosses(t));
			return bad
				? `${u.name}(): a Python udf argument of type ${bad.kind} is not supported by the playground engine (PySpark would pass a ${bad.kind === 'timestamp' ? 'datetime' : 'Row'}); supported: int, bigint, double, string, boolean and arrays of them`
				: null;
		}
	};
	return { t: 'column', expr: { kind: 'call', fn: u.name, args, at: a.at, udf } };
}

function callRow(
	f: PyFunction,
	returnType: DataType,
	values: readonly Value[],
	types: readonly DataType[],
	src: string
): Value {
	let out: Py;
	try {
		out = f.invoke(
			values.map((v, i) => toPython(v, types[i])),
			new Map()
		);
	} catch (e) {
		const x = asPyException(e);
		const line = x.span ? `, line ${lineCol(src, x.span.from).line}` : '';
		throw new ExprRuntimeError(
			'PYTHON_EXCEPTION',
			`An exception was thrown from the Python worker: ${x.pyType}: ${x.message} (in ${f.name}${line})`
		);
	}
	return toSpark(out, returnType);
}

/** Spark types whose values cross to Python here (datetime and Row are not modelled yet). */
const crosses = (t: DataType): boolean =>
	t.kind === 'array'
		? crosses(t.element)
		: ['int', 'long', 'double', 'string', 'boolean', 'null'].includes(t.kind);

function toPython(v: Value, t: DataType | undefined): Py {
	if (v === null) return null;
	if (typeof v === 'number') return t?.kind === 'double' ? new PyFloat(v) : v;
	if (typeof v === 'string' || typeof v === 'boolean') return v;
	if (Array.isArray(v))
		return v.map((x: Value) => toPython(x, t?.kind === 'array' ? t.element : undefined));
	return null;
}

function toSpark(v: Py, t: DataType): Value {
	if (v === null) return null;
	switch (t.kind) {
		case 'int':
		case 'long':
			return typeof v === 'number' ? v : null;
		case 'double':
			// Only a Python float converts (EvaluatePython.makeFromJava): an int gives NULL, the
			// well-known surprise of a DoubleType udf that returns `1`.
			return v instanceof PyFloat ? v.v : null;
		case 'string':
			return stringResult(v);
		case 'boolean':
			return typeof v === 'boolean' ? v : null;
		case 'array': {
			const items = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : null;
			return items ? items.map((x) => toSpark(x, t.element)) : null;
		}
		default:
			return null;
	}
}

/** StringType takes any result through Java's toString (an int `1` → "1", True → "true"). A
 *  float prints as Java's Double.toString, which this reproduces where it is plain decimal. */
function stringResult(v: Py): Value {
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return String(v);
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	if (v instanceof PyFloat) {
		const a = Math.abs(v.v);
		if (Number.isInteger(v.v) && a < 1e7) return v.v.toFixed(1);
		if (a >= 1e-3 && a < 1e7) return String(v.v);
	}
	throw new ExprRuntimeError(
		'PYTHON_EXCEPTION',
		'a udf returned a value whose Java string form the playground engine does not model for StringType (return a str)'
	);
}
