// The Python subset the reader follows: imports, constants, main guards, monitoring calls,
// string literal forms, and what the plan records for the sink.
import { describe, expect, it } from 'vitest';
import {
	readAndAnalyze as compile,
	readProgram
} from '../../../simulations/structured/reader/index';
import { readAndAnalyze } from './helpers';

const events = {
	events: [
		{ name: 'value', type: { kind: 'int' } as const },
		{ name: 't', type: { kind: 'timestamp' } as const }
	]
};

function ok(code: string) {
	const r = readAndAnalyze(code, events);
	if (!r.ok) throw new Error(`${r.stage}: ${r.error.line}:${r.error.column} ${r.error.message}`);
	return r.value;
}

describe('reader', () => {
	it('follows the import forms of pyspark.sql.functions and types', () => {
		const forms = [
			'from pyspark.sql import functions as F\nc = F.col("value")',
			'import pyspark.sql.functions as F\nc = F.col("value")',
			'from pyspark.sql.functions import col as c_\nc = c_("value")',
			'from pyspark.sql.functions import *\nc = col("value")',
			'from pyspark.sql import functions\nc = functions.col("value")'
		];
		for (const f of forms) {
			const q = ok(
				`${f}\nfrom pyspark.sql.types import LongType\nresult = events.select(c.cast(LongType()).alias("v"))\nquery = result.writeStream.start()\n`
			);
			expect(q.schema).toEqual([expect.objectContaining({ name: 'v', type: { kind: 'long' } })]);
		}
	});

	it('uses module constants in expressions and intervals', () => {
		const q = ok(
			'from pyspark.sql import functions as F\nDELAY = "10 seconds"\nWINDOW = 5\nKEYS = 3\n' +
				'result = (events\n    .withWatermark("t", DELAY)\n    .groupBy(F.window("t", str(WINDOW) + " seconds"), (F.col("value") % KEYS).alias("k"))\n    .count())\n' +
				'query = result.writeStream.outputMode("append").format("console").start()\n'
		);
		expect(q.watermarks[0]?.delayMs).toBe(10_000);
		expect(q.schema.map((f) => f.name)).toEqual(['window', 'k', 'count']);
		const root = q.root.plan;
		expect(root.op).toBe('Aggregate');
		if (root.op === 'Aggregate')
			expect(root.groupBy[0]).toMatchObject({
				kind: 'window',
				durationUs: 5_000_000,
				slideUs: 5_000_000,
				startUs: 0
			});
	});

	it('walks a main guard, a builder, conf calls and monitoring calls', () => {
		const q = ok(
			'from pyspark.sql import SparkSession\n\nif __name__ == "__main__":\n' +
				'    spark = SparkSession.builder.appName("x").config("spark.sql.shuffle.partitions", 4).getOrCreate()\n' +
				'    spark.conf.set("spark.sql.streaming.multipleWatermarkPolicy", "max")\n' +
				'    query = events.writeStream.queryName("q").option("checkpointLocation", "/tmp/c").start()\n' +
				'    print(query.status)\n    query.awaitTermination()\n    spark.streams.awaitAnyTermination()\n'
		);
		expect(q.conf['spark.sql.shuffle.partitions']).toBe('4');
		expect(q.conf['spark.sql.streaming.multipleWatermarkPolicy']).toBe('max');
		expect(q.write.queryName).toBe('q');
		expect(q.write.options).toEqual({ checkpointLocation: '/tmp/c' });
		expect(q.write.format).toBe('parquet');
	});

	it('decodes string literal forms', () => {
		const q = ok(
			'result = events.selectExpr(r"value AS a", \'\'\'value AS b\'\'\', "value" " AS c", "t AS \\x64")\nquery = result.writeStream.start()\n'
		);
		expect(q.schema.map((f) => f.name)).toEqual(['a', 'b', 'c', 'd']);
	});

	it('records where the output mode and trigger were written', () => {
		const r = readProgram(
			'query = (events.writeStream\n    .outputMode("update")\n    .trigger(processingTime="1 second")\n    .start())\n',
			events
		);
		expect(r.ok).toBe(true);
		if (r.ok) {
			expect(r.value.write.outputModeAt).toEqual({ line: 2, column: 6 });
			expect(r.value.write.triggerAt).toEqual({ line: 3, column: 6 });
			expect(r.value.write.trigger).toEqual({ kind: 'processingTime', intervalMs: 1000 });
		}
	});

	it('never throws on pathological nesting', () => {
		const deep = `x = ${'('.repeat(3000)}1${')'.repeat(3000)}\n`;
		const r = readProgram(deep, events);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error.line).toBeGreaterThanOrEqual(1);
	});

	it('reads and analyzes in one call for the editor', () => {
		const good = compile('query = events.writeStream.start()\n', events);
		expect(good.ok && good.value.schema.length).toBe(2);
		const bad = compile('query = events.writeStream.outputMode("complete").start()\n', events);
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect([bad.error.line, bad.error.column]).toEqual([1, 28]);
	});
});
