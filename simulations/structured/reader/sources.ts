/**
 * Where DataFrames come from: `spark.readStream` chains (rate, rate-micro-batch, kafka, socket,
 * file formats with a schema; SPARK-SEMANTICS §7 and R10.3), `spark.read` for static files,
 * `spark.range` and `spark.createDataFrame` for the static side of stream-static joins. Each
 * source's schema is Spark's for that format.
 */
import type { Pos, StructField } from '../expr/ast';
import type { Plan } from '../plan';
import { arg, need, noMore, numOf, optionString, strOf, type Args } from './args';
import { fail } from './errors';
import { schemaOf } from './sparktypes';
import type { ReaderState } from './state';
import { describe, NONE, type PyValue } from './values';

const ts = { kind: 'timestamp' } as const;
const long = { kind: 'long' } as const;
const int = { kind: 'int' } as const;
const str = { kind: 'string' } as const;

const RATE: readonly StructField[] = [
	{ name: 'timestamp', type: ts },
	{ name: 'value', type: long }
];

/** Kafka's key/value are binary in Spark; the playground shows them decoded as strings. */
const KAFKA: readonly StructField[] = [
	{ name: 'key', type: str },
	{ name: 'value', type: str },
	{ name: 'topic', type: str },
	{ name: 'partition', type: int },
	{ name: 'offset', type: long },
	{ name: 'timestamp', type: ts },
	{ name: 'timestampType', type: int }
];

const FILE_FORMATS = ['json', 'csv', 'parquet', 'orc', 'text', 'avro'];
const FORMATS = ['rate', 'rate-micro-batch', 'kafka', 'socket', ...FILE_FORMATS];

const SCHEMA_REQUIRED =
	"Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.";

type ReadStream = PyValue & { t: 'readStream' };

function sourceSchema(r: ReadStream, at: Pos): readonly StructField[] {
	const format = r.format.toLowerCase();
	if (r.schema && format !== 'rate' && format !== 'kafka' && format !== 'socket') return r.schema;
	switch (format) {
		case 'rate':
		case 'rate-micro-batch':
			return RATE;
		case 'kafka':
			return KAFKA;
		case 'socket':
			return r.options['includeTimestamp'] === 'true'
				? [
						{ name: 'value', type: str },
						{ name: 'timestamp', type: ts }
					]
				: [{ name: 'value', type: str }];
		case 'text':
			return [{ name: 'value', type: str }];
		case '':
			return fail(
				at,
				'no source format given',
				`Call .format(...) with one of: ${FORMATS.join(', ')}.`
			);
	}
	if (FILE_FORMATS.includes(format)) return fail(at, SCHEMA_REQUIRED);
	return fail(
		at,
		`source format \`${r.format}\` is not supported by the playground engine`,
		`Supported formats: ${FORMATS.join(', ')}.`
	);
}

function load(st: ReaderState, r: ReadStream, path: string | undefined, at: Pos): PyValue {
	const schema = sourceSchema(r, at);
	const plan: Plan = {
		op: 'Source',
		id: st.nextSourceId++,
		source: {
			kind: 'readStream',
			format: r.format.toLowerCase(),
			options: r.options,
			...(path === undefined ? {} : { path })
		},
		schema,
		streaming: r.streaming,
		at
	};
	return { t: 'df', plan };
}

export function readStreamMethod(st: ReaderState, r: ReadStream, name: string, a: Args): PyValue {
	switch (name) {
		case 'format':
			noMore(a, 1, ['source']);
			return { ...r, format: strOf(need(a, 0, 'source'), 'format') };
		case 'option': {
			noMore(a, 2, ['key', 'value']);
			return {
				...r,
				options: {
					...r.options,
					[strOf(need(a, 0, 'key'), 'key')]: optionString(need(a, 1, 'value'))
				}
			};
		}
		case 'options': {
			const options: Record<string, string> = { ...r.options };
			for (const [k, v] of a.kw) options[k] = optionString(v);
			const d = a.pos[0];
			if (d?.v.t === 'dict')
				for (const [k, v] of d.v.entries)
					if (k.t === 'str') options[k.v] = optionString({ v, at: d.at });
			return { ...r, options };
		}
		case 'schema': {
			const s = need(a, 0, 'schema');
			return { ...r, schema: schemaOf(s.v, s.at) };
		}
		case 'load': {
			const p = arg(a, 0, 'path');
			return load(st, r, p && p.v.t !== 'none' ? strOf(p, 'path') : undefined, a.at);
		}
		case 'table': {
			const t = strOf(need(a, 0, 'tableName'), 'tableName');
			const bound = st.bindings[t];
			if (!bound)
				return fail(
					a.at,
					`[TABLE_OR_VIEW_NOT_FOUND] The table or view \`${t}\` cannot be found.`,
					`Tables the page provides: ${Object.keys(st.bindings).join(', ') || 'none'}.`
				);
			return {
				t: 'df',
				plan: {
					op: 'Source',
					id: st.nextSourceId++,
					source: { kind: 'bound', name: t },
					schema: bound,
					streaming: r.streaming,
					at: a.at
				}
			};
		}
	}
	if (FILE_FORMATS.includes(name)) {
		const p = arg(a, 0, 'path');
		const schema = arg(a, 1, 'schema') ?? a.kw.get('schema');
		const withSchema = schema ? { ...r, schema: schemaOf(schema.v, schema.at) } : r;
		return load(
			st,
			{ ...withSchema, format: name },
			p && p.v.t !== 'none' ? strOf(p, 'path') : undefined,
			a.at
		);
	}
	return fail(
		a.at,
		`\`DataStreamReader.${name}\` is not supported by the playground engine`,
		`Supported: format, option, options, schema, load, table, ${FILE_FORMATS.join(', ')}.`
	);
}

/** Methods of the SparkSession object (`spark.range`, `spark.createDataFrame`, ...). */
export function sessionMethod(st: ReaderState, name: string, a: Args): PyValue {
	switch (name) {
		case 'range':
			return range(st, a);
		case 'createDataFrame':
			return createDataFrame(st, a);
		case 'stop':
			return NONE;
		case 'table': {
			const live = st.live?.table(strOf(need(a, 0, 'tableName'), 'tableName'), a.at);
			if (live) return live;
			const r: ReadStream = {
				t: 'readStream',
				format: '',
				options: {},
				schema: null,
				streaming: false
			};
			return readStreamMethod(st, r, 'table', a);
		}
	}
	return fail(
		a.at,
		`\`spark.${name}\` is not supported by the playground engine`,
		'Supported: spark.readStream, spark.read, spark.range, spark.createDataFrame, spark.conf.set.'
	);
}

function range(st: ReaderState, a: Args): PyValue {
	noMore(a, 4, ['start', 'end', 'step', 'numPartitions']);
	const first = numOf(need(a, 0, 'start'), 'start');
	const second = arg(a, 1, 'end');
	const [start, end] = second && second.v.t !== 'none' ? [first, numOf(second, 'end')] : [0, first];
	const stepArg = arg(a, 2, 'step');
	const step = stepArg ? numOf(stepArg, 'step') : 1;
	if (step === 0) return fail(stepArg?.at ?? a.at, 'step must not be 0');
	const rows: number[][] = [];
	for (let i = start; step > 0 ? i < end : i > end; i += step) {
		rows.push([i]);
		if (rows.length > 100_000)
			return fail(a.at, 'spark.range is limited to 100,000 rows in the playground');
	}
	return staticSource(st, [{ name: 'id', type: long }], rows, a.at);
}

const staticSource = (
	st: ReaderState,
	schema: readonly StructField[],
	rows: unknown[][],
	at: Pos
): PyValue => ({
	t: 'df',
	plan: {
		op: 'Source',
		id: st.nextSourceId++,
		source: { kind: 'bound', name: '' },
		schema,
		streaming: false,
		data: { rows },
		at
	}
});

/** `spark.createDataFrame([(1, "a"), ...], "id INT, name STRING" | ["id", "name"] | StructType)`. */
function createDataFrame(st: ReaderState, a: Args): PyValue {
	const data = need(a, 0, 'data');
	if (data.v.t !== 'list')
		return fail(data.at, 'createDataFrame expects a list of rows (tuples or lists)');
	const rows: unknown[][] = [];
	for (const item of data.v.items) {
		const cells = item.t === 'list' ? item.items : [item];
		rows.push(cells.map((c) => pyToJs(c, data.at)));
	}
	const s = arg(a, 1, 'schema');
	let schema: StructField[];
	if (s && s.v.t === 'list') {
		const names = s.v.items.map((n) =>
			n.t === 'str' ? n.v : fail(s.at, 'column names must be strings')
		);
		schema = names.map((n, i) => ({ name: n, type: inferType(rows, i) }));
	} else if (s && s.v.t !== 'none') schema = schemaOf(s.v, s.at);
	else schema = (rows[0] ?? []).map((_, i) => ({ name: `_${i + 1}`, type: inferType(rows, i) }));
	for (const r of rows)
		if (r.length !== schema.length)
			return fail(
				data.at,
				`[LENGTH_SHOULD_BE_THE_SAME] a row has ${r.length} values but the schema has ${schema.length} columns`
			);
	return staticSource(st, schema, rows, a.at);
}

function pyToJs(v: PyValue, at: Pos): unknown {
	switch (v.t) {
		case 'none':
			return null;
		case 'bool':
		case 'num':
		case 'str':
			return v.v;
		case 'list':
			return v.items.map((x) => pyToJs(x, at));
		default:
			return fail(at, `createDataFrame: a ${describe(v)} cannot be a cell value`);
	}
}

function inferType(rows: readonly unknown[][], i: number): StructField['type'] {
	for (const r of rows) {
		const v = r[i];
		if (typeof v === 'boolean') return { kind: 'boolean' };
		if (typeof v === 'string') return str;
		if (typeof v === 'number')
			return rows.every((x) => typeof x[i] !== 'number' || Number.isInteger(x[i]))
				? long
				: { kind: 'double' };
	}
	return str;
}
