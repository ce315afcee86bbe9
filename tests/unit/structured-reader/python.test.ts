// A Structured program runs on the Python interpreter: the user's own `def`s and lambdas run
// (helpers that build Columns and DataFrames, with loops and conditionals inside), and what goes
// wrong inside them is located in the def's body.
import { describe, expect, it } from 'vitest';
import { findUdf, readAndAnalyze } from './helpers';
import { runQuery } from '../../../simulations/structured/index';

const events = {
	events: [
		{ name: 'value', type: { kind: 'int' } as const },
		{ name: 'word', type: { kind: 'string' } as const }
	]
};
const F = 'from pyspark.sql import functions as F\n';
const SINK =
	'\nquery = result.writeStream.outputMode("append").format("memory").queryName("out").start()\n';

function ok(code: string) {
	const r = readAndAnalyze(code, events);
	if (!r.ok) throw new Error(`${r.stage}: ${r.error.line}:${r.error.column} ${r.error.message}`);
	return r.value;
}

function error(code: string) {
	const r = readAndAnalyze(code, events);
	if (r.ok) throw new Error('expected an error');
	return r.error;
}

describe('user Python in a Structured program', () => {
	it('runs a helper def that returns a Column, with a conditional and a loop inside', () => {
		const code =
			F +
			'def scaled(c, times):\n' +
			'    out = c\n' +
			'    for _ in range(times - 1):\n' +
			'        out = out + c\n' +
			'    return out if times > 0 else F.lit(0)\n' +
			'result = events.withColumn("triple", scaled(F.col("value"), 3))' +
			SINK;
		const q = ok(code);
		expect(q.schema.map((f) => f.name)).toEqual(['value', 'word', 'triple']);
		const run = runQuery(code, events, [{ atMs: 0, source: 'events', rows: [[2, 'a']] }], {
			untilMs: 2000
		});
		if (!run.ok) throw new Error(run.error.message);
		const rows = run.value.events.flatMap((e) =>
			e.event.type === 'rowsEmitted' ? e.event.rows : []
		);
		expect(rows).toEqual([[2, 'a', 6]]);
	});

	it('runs a helper def that takes and returns a DataFrame, and a lambda', () => {
		const code =
			F +
			'def only_big(df, limit=10):\n' +
			'    return df.filter(df.value > limit)\n' +
			'shout = lambda c: F.upper(c)\n' +
			'result = only_big(events, limit=5).select(shout(F.col("word")).alias("w"))' +
			SINK;
		expect(ok(code).schema.map((f) => f.name)).toEqual(['w']);
	});

	it('builds column lists with a comprehension inside a def', () => {
		const code =
			F +
			'def cols(names):\n    return [F.col(n).alias(n.upper()) for n in names]\nresult = events.select(cols(["value", "word"]))' +
			SINK;
		expect(ok(code).schema.map((f) => f.name)).toEqual(['VALUE', 'WORD']);
	});

	it('locates a reader error raised inside a def at its line in the body', () => {
		const e = error(
			F + 'def pick(df):\n    return df.select(F.col("nope"))\nresult = pick(events)' + SINK
		);
		expect(e.message).toContain('`nope` cannot be resolved');
		expect(e.line).toBe(3);
	});

	it('locates a Python error inside a def with Python wording', () => {
		const e = error('def boom(df):\n    return 1 / 0\nresult = boom(events)' + SINK);
		expect(e.message).toBe('ZeroDivisionError: division by zero');
		expect([e.line, e.column]).toEqual([2, 12]);
	});

	it('keeps `and` on Columns as PySpark refuses it', () => {
		const e = error(
			F + 'result = events.filter((F.col("value") > 1) and (F.col("value") < 5))' + SINK
		);
		expect(e.message).toContain('Cannot convert column into bool');
	});

	it('passes a def to foreachBatch, and keeps the function for the interpreter to call', () => {
		const q = ok(
			'def handle(batch_df, batch_id):\n    return batch_id * 2\nresult = events\nquery = result.writeStream.foreachBatch(handle).start()\n'
		);
		expect(q.write.foreachBatch).toBe('handle');
		expect(q.write.foreachBatchFn?.invoke([null, 21], new Map())).toBe(42);
	});

	it('runs module-level classes: a helper class, and a class deriving from a pyspark base', () => {
		const code =
			F +
			'from pyspark.sql.datasource import DataSource\n' +
			'class Scaler:\n' +
			'    def __init__(self, k):\n' +
			'        self.k = k\n' +
			'    def apply(self, c):\n' +
			'        return c * self.k\n' +
			'class MySource(DataSource):\n' +
			'    def name(self):\n' +
			'        return "mine"\n' +
			'result = events.withColumn("x", Scaler(3).apply(F.col("value")))' +
			SINK;
		expect(ok(code).schema.map((f) => f.name)).toEqual(['value', 'word', 'x']);
	});

	it('runs a udf of a plain Python function per row, in withColumn', () => {
		const code =
			F +
			'from pyspark.sql.types import IntegerType\n' +
			'def bucket(v, word):\n' +
			'    if v is None:\n' +
			'        return -1\n' +
			'    return v // 10 + len(word)\n' +
			'bucket_udf = F.udf(bucket, IntegerType())\n' +
			'shout = F.udf(lambda w: w.upper() + "!", "string")\n' +
			'result = events.withColumn("b", bucket_udf(F.col("value"), "word")).withColumn("s", shout("word"))' +
			SINK;
		const q = ok(code);
		expect(q.schema.map((f) => [f.name, f.type.kind])).toEqual([
			['value', 'int'],
			['word', 'string'],
			['b', 'int'],
			['s', 'string']
		]);
		const run = runQuery(
			code,
			events,
			[
				{
					atMs: 0,
					source: 'events',
					rows: [
						[25, 'ab'],
						[null, 'x']
					]
				}
			],
			{ untilMs: 2000 }
		);
		if (!run.ok) throw new Error(run.error.message);
		const rows = run.value.events.flatMap((e) =>
			e.event.type === 'rowsEmitted' ? e.event.rows : []
		);
		expect(rows).toEqual([
			[25, 'ab', 4, 'AB!'],
			[null, 'x', -1, 'X!']
		]);
	});

	it('names a udf column as Spark does and fails the batch on a Python exception', () => {
		const code =
			F +
			'def inv(v):\n    return 10 // v\ninv_udf = F.udf(inv, "int")\nresult = events.select(inv_udf("value"))' +
			SINK;
		expect(ok(code).schema.map((f) => f.name)).toEqual(['inv(value)']);
		// The executor does not model a failing query yet: the row's evaluation throws Spark's error.
		const udf = findUdf(ok(code));
		expect(udf?.call([5], [{ kind: 'int' }])).toBe(2);
		expect(() => udf?.call([0], [{ kind: 'int' }])).toThrow(
			'[PYTHON_EXCEPTION] An exception was thrown from the Python worker: ZeroDivisionError: integer division or modulo by zero (in inv, line 3)'
		);
	});

	it('converts udf results as PySpark does: an int for DoubleType is NULL, StringType takes str() of Java', () => {
		const code =
			F +
			'd = F.udf(lambda v: v, "double")\nd2 = F.udf(lambda v: v / 2, "double")\ns = F.udf(lambda v: v, "string")\nb = F.udf(lambda v: v > 1, "string")\n' +
			'result = events.select(d("value"), d2("value"), s("value"), b("value"))' +
			SINK;
		const run = runQuery(code, events, [{ atMs: 0, source: 'events', rows: [[3, 'a']] }], {
			untilMs: 2000
		});
		if (!run.ok) throw new Error(run.error.message);
		const rows = run.value.events.flatMap((e) =>
			e.event.type === 'rowsEmitted' ? e.event.rows : []
		);
		expect(rows).toEqual([[null, 1.5, '3', 'true']]);
	});

	it('refuses a udf argument whose Python value is not modelled (a timestamp would be a datetime)', () => {
		const code =
			F +
			'f = F.udf(lambda t: 1, "int")\nresult = events.select(f(F.col("value").cast("timestamp")))' +
			SINK;
		const e = error(code);
		expect(e.message).toContain('Python udf argument of type timestamp is not supported');
		expect(e.line).toBe(3);
	});

	it('reads udf("int") as the decorator PySpark returns, applied to the def below it', () => {
		const q = ok(
			F +
				'@F.udf("int")\ndef f(v):\n    return v\nresult = events.withColumn("f", f("value"))' +
				SINK
		);
		expect(q.schema.map((f) => [f.name, f.type.kind])).toContainEqual(['f', 'int']);
	});
});
