// The four ways advanced-13 writes one transformation (a built-in expression, @udf, @udf with
// useArrow=True, @pandas_udf) give the same fahrenheit values; the pandas UDF is called once
// per Arrow batch of spark.sql.execution.arrow.maxRecordsPerBatch rows, not once per row; and
// the forms PySpark refuses are refused where they are written, with PySpark's wording.
import { describe, expect, it } from 'vitest';
import { findUdf, readAndAnalyze } from './helpers';
import { runQuery } from '../../../simulations/structured/index';
import { compileExpr } from '../../../simulations/structured/expr/compile';
import type { PythonUdf } from '../../../simulations/structured/expr/ast';

const readings = { readings: [{ name: 'celsius', type: { kind: 'double' } as const }] };

const HEAD = (batch = 10000) =>
	'import pandas as pd\n' +
	'from pyspark.sql import SparkSession\n' +
	'from pyspark.sql import functions as F\n' +
	'from pyspark.sql.functions import pandas_udf, udf\n' +
	'from pyspark.sql.types import DoubleType\n' +
	`spark = SparkSession.builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "${batch}").getOrCreate()\n` +
	'calls = []\n' +
	'@udf(returnType=DoubleType())\n' +
	'def to_f_udf(celsius):\n' +
	'    return None if celsius is None else celsius * 9.0 / 5.0 + 32.0\n' +
	'@udf(returnType=DoubleType(), useArrow=True)\n' +
	'def to_f_arrow(celsius):\n' +
	'    return None if celsius is None else celsius * 9.0 / 5.0 + 32.0\n' +
	'@pandas_udf(DoubleType())\n' +
	'def to_f_pandas(celsius: pd.Series) -> pd.Series:\n' +
	'    calls.append(len(celsius.tolist()))\n' +
	'    return celsius * 9.0 / 5.0 + 32.0\n';

const SINK =
	'\nquery = out.writeStream.outputMode("append").format("memory").queryName("out").start()\n';

const KINDS: Record<string, string> = {
	builtin: 'F.col("celsius") * 9.0 / 5.0 + 32.0',
	pythonUdf: 'to_f_udf("celsius")',
	arrowUdf: 'to_f_arrow("celsius")',
	pandasUdf: 'to_f_pandas("celsius")'
};

function runOf(code: string, input: (number | null)[]) {
	const run = runQuery(
		code,
		readings,
		[{ atMs: 0, source: 'readings', rows: input.map((c) => [c]) }],
		{ untilMs: 2000 }
	);
	if (!run.ok) throw new Error(`${run.error.line}: ${run.error.message}`);
	return run.value;
}

const rowsOf = (code: string, input: (number | null)[]) =>
	runOf(code, input).events.flatMap((e) => (e.event.type === 'rowsEmitted' ? e.event.rows : []));

function error(code: string) {
	const r = readAndAnalyze(code, readings);
	if (r.ok) throw new Error('expected an error');
	return r.error;
}

describe('udf, useArrow and pandas_udf', () => {
	it('the four kinds give identical fahrenheit values', () => {
		const input = [0, 12.5, 37, 39, null];
		for (const span of Object.values(KINDS)) {
			const rows = rowsOf(
				HEAD() + `out = readings.withColumn("fahrenheit", ${span})` + SINK,
				input
			);
			expect(rows.map((r) => r[1])).toEqual([32, 54.5, 98.6, 102.2, null]);
		}
	});

	it('types the column by the declared return type in each form', () => {
		for (const span of Object.values(KINDS)) {
			const q = readAndAnalyze(HEAD() + `out = readings.withColumn("f", ${span})` + SINK, readings);
			if (!q.ok) throw new Error(q.error.message);
			expect(q.value.schema.map((f) => [f.name, f.type.kind])).toEqual([
				['celsius', 'double'],
				['f', 'double']
			]);
		}
	});

	it('calls a pandas UDF once per Arrow batch of maxRecordsPerBatch rows, a udf once per row', () => {
		const input = Array.from({ length: 250 }, (_, i) => i % 40);
		const pandas = HEAD(100) + 'out = readings.withColumn("f", to_f_pandas("celsius"))' + SINK;
		const rows = rowsOf(pandas, input);
		expect(rows).toHaveLength(250);
		expect(rows[249]?.[1]).toBe((249 % 40) * 1.8 + 32);
		const q = readAndAnalyze(pandas, readings);
		if (!q.ok) throw new Error(q.error.message);
		expect(findUdf(q.value)?.batch?.maxRecords).toBe(100);
	});

	it('a vectorized column calls its function once per batch of maxRecords rows', () => {
		const sizes: number[] = [];
		const udf: PythonUdf = {
			returnType: { kind: 'double' },
			call: () => {
				throw new Error('a pandas UDF is not called per row');
			},
			batch: {
				maxRecords: 100,
				call: ([c]) => {
					sizes.push(c?.length ?? 0);
					return (c ?? []).map((v) => (v as number) * 2);
				}
			}
		};
		const schema = [{ name: 'celsius', type: { kind: 'double' } as const }];
		const c = compileExpr(
			{ kind: 'call', fn: 'f', args: [{ kind: 'col', name: 'celsius' }], udf },
			schema
		);
		if (!c.ok) throw new Error(c.error.message);
		const rows = Array.from({ length: 250 }, (_, i) => [i]);
		c.value.prepare?.(rows);
		expect(rows.map((r) => c.value.eval(r))).toEqual(rows.map(([v]) => (v as number) * 2));
		expect(sizes).toEqual([100, 100, 50]);
	});

	it('pandas_udf in call form with a DDL string, and asNondeterministic()', () => {
		const code =
			'import pandas as pd\n' +
			'from pyspark.sql import functions as F\n' +
			'def plus_one(s: pd.Series) -> pd.Series:\n' +
			'    return s + 1\n' +
			'p1 = F.pandas_udf(plus_one, "double").asNondeterministic()\n' +
			'r = F.udf(lambda c: c * 2.0, "double").asNondeterministic()\n' +
			'out = readings.withColumn("a", p1("celsius")).withColumn("b", r("celsius"))' +
			SINK;
		expect(rowsOf(code, [1.5])).toEqual([[1.5, 2.5, 3]]);
	});

	it('a pandas UDF without type hints is refused with PySpark wording, at the function', () => {
		const e = error(
			'from pyspark.sql.functions import pandas_udf\n' +
				'@pandas_udf("double")\n' +
				'def f(c):\n' +
				'    return c\n' +
				'out = readings.withColumn("f", f("celsius"))' +
				SINK
		);
		expect(e.message).toBe(
			'[TYPE_HINT_SHOULD_BE_SPECIFIED] Type hints for all parameters should be specified; however, got (c).'
		);
		expect(e.line).toBe(3);
	});

	it('pandas_udf without a return type: CANNOT_BE_NONE', () => {
		const e = error(
			'import pandas as pd\nfrom pyspark.sql.functions import pandas_udf\n' +
				'def f(c: pd.Series) -> pd.Series:\n    return c\n' +
				'g = pandas_udf(f)\n' +
				'out = readings.withColumn("f", g("celsius"))' +
				SINK
		);
		expect(e.message).toBe('[CANNOT_BE_NONE] Argument `returnType` cannot be None.');
		expect(e.line).toBe(5);
	});

	it('a pandas UDF returning a list fails the batch with UDF_RETURN_TYPE', () => {
		const code =
			'import pandas as pd\nfrom pyspark.sql.functions import pandas_udf\n' +
			'@pandas_udf("double")\n' +
			'def f(c: pd.Series) -> pd.Series:\n    return c.tolist()\n' +
			'out = readings.withColumn("f", f("celsius"))' +
			SINK;
		const run = runQuery(code, readings, [{ atMs: 0, source: 'readings', rows: [[1.0]] }], {
			untilMs: 2000
		});
		expect(JSON.stringify(run)).toContain(
			'Return type of the user-defined function should be pandas.Series'
		);
	});
});
