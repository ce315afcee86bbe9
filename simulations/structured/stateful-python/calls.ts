/**
 * Calling the user's Python for a key, as Spark's Python worker does: the key's rows go over in
 * Arrow batches of at most `maxRecordsPerBatch` rows (each a pandas DataFrame of the input's
 * columns), the function's output (an iterator of DataFrames) is drained in full, and every
 * yielded DataFrame is converted to the declared output schema, by column name when the
 * DataFrame has the schema's names (else by position). A Python exception fails the batch with
 * PYTHON_EXCEPTION naming the line it was raised at.
 */
import { asPyException, lineCol } from '../../python/errors';
import { iterItems, typeName, type PyValue as Py } from '../../python/values';
import type { StructField, Value } from '../expr/ast';
import { ExprRuntimeError } from '../expr/runtime-error';
import type { Row } from '../runtime/context';
import { PdFrame } from '../pandas/frame';
import { toPython, toSpark } from './convert';

/** The key's rows as the chunks the function iterates. */
export function chunksOf(
	rows: readonly Row[],
	schema: readonly StructField[],
	maxRecords: number
): PdFrame[] {
	const size = maxRecords > 0 ? maxRecords : rows.length || 1;
	const names = schema.map((f) => f.name);
	const out: PdFrame[] = [];
	for (let i = 0; i < rows.length; i += size)
		out.push(
			PdFrame.fromRows(
				names,
				rows.slice(i, i + size).map((r) => r.map((v, c) => toPython(v, schema[c]?.type)))
			)
		);
	return out;
}

/** A key's grouping values as the tuple the function receives. */
export function keyTuple(key: readonly Value[], types: readonly StructField[]): Py[] {
	return key.map((v, i) => toPython(v, types[i]?.type));
}

/** Runs `f`, turning a Python exception into the query failure Spark reports. */
export function pythonCall<T>(src: string, where: string, f: () => T): T {
	try {
		return f();
	} catch (e) {
		if (e instanceof ExprRuntimeError) throw e;
		const x = asPyException(e);
		if (x.pyType === 'NotSupported' || x.pyType === 'InternalError') {
			const line = x.span ? ` (line ${lineCol(src, x.span.from).line})` : '';
			throw new ExprRuntimeError('UNSUPPORTED_IN_PLAYGROUND', `${x.message}${line}`);
		}
		const line = x.span ? `, line ${lineCol(src, x.span.from).line}` : '';
		throw new ExprRuntimeError(
			'PYTHON_EXCEPTION',
			`An exception was thrown from the Python worker: ${x.pyType}: ${x.message} (in ${where}${line})`
		);
	}
}

/** The rows a function's result holds: an iterable of pandas DataFrames (or None). */
export function outputRows(result: Py, schema: readonly StructField[], api: string): Row[] {
	if (result === null) return [];
	const items = result instanceof PdFrame ? [result] : iterItems(result);
	if (items === undefined)
		throw new ExprRuntimeError(
			'UDF_RETURN_TYPE',
			`Return type of the user-defined function should be iterator of pandas.DataFrame, but is ${typeName(result)}.`
		);
	const out: Row[] = [];
	for (const item of items) {
		if (!(item instanceof PdFrame))
			throw new ExprRuntimeError(
				'UDF_RETURN_TYPE',
				`Return type of the user-defined function should be pandas.DataFrame, but is ${typeName(item)}.`
			);
		if (item.columns.length === 0 || item.numRows === 0) continue;
		const byName = schema.every((f) => item.columns.includes(f.name));
		if (!byName && item.columns.length !== schema.length)
			throw new ExprRuntimeError(
				'RESULT_COLUMNS_MISMATCH_FOR_PANDAS_UDF',
				`Column names of the returned pandas.DataFrame do not match specified schema. Missing: ${schema
					.filter((f) => !item.columns.includes(f.name))
					.map((f) => f.name)
					.join(', ')}. (${api})`
			);
		const cols = schema.map((f, i) => (byName ? item.column(f.name).values : (item.data[i] ?? [])));
		for (let r = 0; r < item.numRows; r++)
			out.push(schema.map((f, c) => toSpark(cols[c]?.[r] ?? null, f.type, f.name)));
	}
	return out;
}
