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
import {
	PyFloat,
	PyTuple,
	typeName,
	type PyFunction,
	type PyValue as Py
} from '../../python/values';
import { PdSeries } from '../pandas/series';
import type { DataType, Expr, PythonUdf, Value } from '../expr/ast';
import { ExprRuntimeError } from '../expr/runtime-error';
import { columnOrName, type Args } from './args';
import type { PyValue } from './values';

/** The Column `udf(args...)` builds. `conf` is the session's when the column is built: a
 *  pandas UDF's Arrow batch size (spark.sql.execution.arrow.maxRecordsPerBatch) is read there. */
export function applyUdf(
	u: PyValue & { t: 'udf' },
	a: Args,
	src: string,
	conf: Readonly<Record<string, string>> = {}
): PyValue {
	const args: Expr[] = a.pos.map((x) => columnOrName(x, u.name));
	const evalType = u.evalType ?? 'python';
	// Arrow (useArrow=True, pandas_udf) converts the result with Arrow's casts: an int for a
	// DoubleType column becomes a double, where the pickled path gives NULL.
	const lenient = evalType !== 'python';
	const maxRecords = Number(conf['spark.sql.execution.arrow.maxRecordsPerBatch'] ?? 10000);
	const udf: PythonUdf = {
		returnType: u.returnType,
		evalType,
		deterministic: u.deterministic ?? true,
		...(evalType === 'pandas'
			? {
					batch: {
						// A value <= 0 means no limit in Spark (ArrowUtils / ArrowEvalPythonExec).
						maxRecords: maxRecords > 0 ? maxRecords : Number.MAX_SAFE_INTEGER,
						call: (columns, types) => callBatch(u.py, u.returnType, columns, types, src)
					}
				}
			: {}),
		call: (values, types) => callRow(u.py, u.returnType, values, types, src, lenient),
		refuse: (types) => {
			const bad = types.find((t) => !crosses(t));
			return bad
				? `${u.name}(): a Python udf argument of type ${bad.kind} is not supported by the playground engine (PySpark would pass a ${bad.kind === 'timestamp' ? 'datetime' : 'Row'}); supported: int, bigint, double, string, boolean and arrays of them`
				: null;
		}
	};
	return { t: 'column', expr: { kind: 'call', fn: u.name, args, at: a.at, udf } };
}

function invoke(f: PyFunction, args: readonly Py[], src: string): Py {
	try {
		return f.invoke(args, new Map());
	} catch (e) {
		const x = asPyException(e);
		const line = x.span ? `, line ${lineCol(src, x.span.from).line}` : '';
		throw new ExprRuntimeError(
			'PYTHON_EXCEPTION',
			`An exception was thrown from the Python worker: ${x.pyType}: ${x.message} (in ${f.name}${line})`
		);
	}
}

function callRow(
	f: PyFunction,
	returnType: DataType,
	values: readonly Value[],
	types: readonly DataType[],
	src: string,
	lenient = false
): Value {
	const out = invoke(
		f,
		values.map((v, i) => toPython(v, types[i])),
		src
	);
	return lenient ? toSparkArrow(out, returnType) : toSpark(out, returnType);
}

/** One call of a pandas UDF on one Arrow batch: a Series per argument column, one Series back
 *  of the same length (PySpark's worker checks both, with these error classes). */
function callBatch(
	f: PyFunction,
	returnType: DataType,
	columns: readonly (readonly Value[])[],
	types: readonly DataType[],
	src: string
): Value[] {
	const n = columns[0]?.length ?? 0;
	const out = invoke(
		f,
		columns.map((c, i) => new PdSeries(c.map((v) => toPython(v, types[i])))),
		src
	);
	if (!(out instanceof PdSeries))
		throw new ExprRuntimeError(
			'UDF_RETURN_TYPE',
			`Return type of the user-defined function should be pandas.Series, but is ${typeName(out)}.`
		);
	if (out.values.length !== n)
		throw new ExprRuntimeError(
			'SCHEMA_MISMATCH_FOR_PANDAS_UDF',
			`Result vector from pandas_udf was not the required length: expected ${n}, got ${out.values.length}.`
		);
	return out.values.map((v) => toSparkArrow(v, returnType));
}

/** Arrow's conversion of a Python result: numbers cast between int and double. */
function toSparkArrow(v: Py, t: DataType): Value {
	if (t.kind === 'double' && typeof v === 'number') return v;
	if ((t.kind === 'int' || t.kind === 'long') && v instanceof PyFloat && Number.isInteger(v.v))
		return v.v;
	return toSpark(v, t);
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
