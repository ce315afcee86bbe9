// What the analyzer hands the executor: schemas, stateful operators, watermarks, join keys, and
// Spark's rejections for plan shapes the corpus does not cover.
import { describe, expect, it } from 'vitest';
import type { StructField } from '../../../simulations/structured/expr/ast';
import type { AnalysisError } from '../../../simulations/structured/analyzer/types';
import { readAndAnalyze } from './helpers';

const int = { kind: 'int' } as const;
const one: Record<string, StructField[]> = { events: [{ name: 'value', type: int }] };
const two: Record<string, StructField[]> = {
	a: [{ name: 'value', type: int }],
	b: [{ name: 'value', type: int }]
};
const F = 'from pyspark.sql import functions as F\n';
const sink = (mode = 'append', df = 'result') =>
	`\nquery = ${df}.writeStream.outputMode("${mode}").format("memory").start()\n`;

function ok(code: string, bindings = one) {
	const r = readAndAnalyze(code, bindings);
	if (!r.ok) throw new Error(`${r.stage}: ${r.error.line}:${r.error.column} ${r.error.message}`);
	return r.value;
}
function error(code: string, bindings = one) {
	const r = readAndAnalyze(code, bindings);
	if (r.ok) throw new Error('expected an error');
	// Reader errors carry no firstBatch flag; the field is simply absent on them.
	return r.error as AnalysisError;
}

const WM = `${F}ts = events.withColumn("t", F.timestamp_seconds("value")).withWatermark("t", "10 seconds")\n`;

describe('analyzed query', () => {
	it('lists stateful operators source to sink with their event-time keys', () => {
		const q = ok(
			`${WM}result = ts.dropDuplicates(["value", "t"]).groupBy(F.window("t", "5 seconds")).count()` +
				sink()
		);
		expect(q.statefulOperators.map((o) => o.kind)).toEqual(['dedup', 'aggregate']);
		expect(q.statefulOperators.map((o) => o.id)).toEqual([0, 1]);
		const [dedup, agg] = q.statefulOperators;
		expect(dedup?.eventTimeKey?.name).toBe('t');
		expect(dedup?.keyIndices).toEqual([0, 1]);
		expect(agg?.eventTimeKey).toMatchObject({
			name: 'window',
			window: true,
			delayMs: 10_000,
			index: 0
		});
		expect(q.schema.map((f) => f.name)).toEqual(['window', 'count']);
		expect(q.watermarks).toHaveLength(1);
		expect(q.watermarks[0]).toMatchObject({ column: 't', delayMs: 10_000, sourceIds: [0] });
	});

	it("orders operators as the reverse of Spark's progress list (pre-order, sink first)", () => {
		const side = (n: string) =>
			`${n}.select(F.timestamp_seconds("value").alias("ts"), "value").withWatermark("ts", "5 seconds").groupBy(F.window("ts", "10 seconds")).agg(F.sum("value").alias("s_${n}"))`;
		const q = ok(
			`${F}l = ${side('a')}\nr = ${side('b')}\nresult = l.join(r, "window")` + sink(),
			two
		);
		expect(q.statefulOperators.map((o) => o.kind)).toEqual(['aggregate', 'aggregate', 'join']);
		// The right input's aggregation (line 3) comes first, then the left's (line 2).
		expect(q.statefulOperators.map((o) => o.at.line)).toEqual([3, 2, 4]);
	});

	it('keeps Spark defaults and the program conf', () => {
		const q = ok(
			`spark.conf.set("spark.sql.streaming.multipleWatermarkPolicy", "max")\nresult = events` +
				sink()
		);
		expect(q.conf['spark.sql.streaming.multipleWatermarkPolicy']).toBe('max');
		expect(q.conf['spark.sql.shuffle.partitions']).toBe('200');
		expect(
			error(
				`spark.conf.set("spark.sql.streaming.multipleWatermarkPolicy", "avg")\nresult = events` +
					sink()
			).message
		).toContain("Valid values are 'min' and 'max'");
	});

	it('reads triggers', () => {
		const t = (arg: string) =>
			ok(`result = events\nquery = result.writeStream.trigger(${arg}).start()\n`).trigger;
		expect(t('processingTime="2 seconds"')).toEqual({ kind: 'processingTime', intervalMs: 2000 });
		expect(t('once=True')).toEqual({ kind: 'once' });
		expect(t('availableNow=True')).toEqual({ kind: 'availableNow' });
		expect(
			error(
				'result = events\nquery = result.writeStream.trigger(once=True, availableNow=True).start()\n'
			).message
		).toContain('ONLY_ALLOW_SINGLE_TRIGGER');
	});

	it('resolves df["x"] to that DataFrame\'s column after a join', () => {
		const code =
			`${F}l = a.select(F.col("value").alias("k"), (F.col("value") * 2).alias("v"))\nr = b.select(F.col("value").alias("k"), (F.col("value") * 3).alias("v"))\nresult = l.join(r, l["k"] == r["k"]).select(r["v"], l["v"])` +
			sink();
		const q = ok(code, two);
		expect(q.schema.map((f) => f.name)).toEqual(['v', 'v']);
		expect(q.statefulOperators[0]?.join?.leftKeys).toHaveLength(1);
		expect(q.statefulOperators[0]?.join?.residual).toBeNull();
		expect(error(`${code.replace('select(r["v"], l["v"])', 'select("v")')}`, two).message).toMatch(
			/ambiguous|AMBIGUOUS/i
		);
	});

	it('splits a time-range join condition into keys and residual', () => {
		const side = (n: string, d: string) =>
			`${n}.select(F.col("value").alias("${n}Key"), F.timestamp_seconds("value").alias("${n}Time")).withWatermark("${n}Time", "${d}")`;
		const q = ok(
			`${F}l = ${side('a', '10 seconds')}\nr = ${side('b', '5 seconds')}\nresult = l.join(r, F.expr("aKey = bKey AND aTime BETWEEN bTime - interval 5 seconds AND bTime"), "left_outer")` +
				sink(),
			two
		);
		const j = q.statefulOperators[0]?.join;
		expect(j?.joinType).toBe('left_outer');
		expect(j?.leftKeys.length).toBe(1);
		expect(j?.residual).not.toBeNull();
		expect(j?.leftEventTime.map((c) => c.name)).toEqual(['aTime']);
		expect(j?.rightEventTime.map((c) => c.name)).toEqual(['bTime']);
		expect(q.watermarks.map((w) => w.delayMs)).toEqual([10_000, 5_000]);
	});

	it("needs the range condition to bound the outer side's state (getStateValueWatermark)", () => {
		const side = (n: string) =>
			`${n}.select(F.col("value").alias("${n}Key"), F.timestamp_seconds("value").alias("${n}Time")).withWatermark("${n}Time", "5 seconds")`;
		const code = (how: string) =>
			`${F}l = ${side('a')}\nr = ${side('b')}\nresult = l.join(r, F.expr("aKey = bKey AND aTime <= bTime"), "${how}")` +
			sink();
		// aTime <= bTime bounds b from below by a's watermark, not a.
		expect(ok(code('right_outer'), two).statefulOperators).toHaveLength(1);
		expect(error(code('left_outer'), two).message).toContain('Stream-stream LeftOuter join');
		expect(error(code('full_outer'), two).message).toContain('Stream-stream FullOuter join');
		expect(error(code('left_semi'), two).message).toContain('Stream-stream LeftSemi join');
	});

	it('marks the rejections Spark only makes planning the first batch', () => {
		const lr = `${F}l = a.select(F.col("value").alias("lk"))\nr = b.select(F.col("value").alias("rk"))\n`;
		const noEq = error(`${lr}result = l.join(r, F.expr("lk < rk"))` + sink(), two);
		expect(noEq.message).toBe('Stream-stream join without equality predicate is not supported');
		expect(noEq.firstBatch).toBe(true);
		const atStart = error('result = a' + sink('complete'), two);
		expect(atStart.firstBatch).toBeUndefined();
		// A start-time rejection wins over a first-batch one.
		const both = error(`${lr}result = l.join(r, F.expr("lk < rk"))` + sink('update'), two);
		expect(both.message).toContain('not supported in Update output mode');
	});

	it('rejects an outer join without watermark conditions', () => {
		const e = error(`result = a.join(b, "value", "left_outer")` + sink(), two);
		expect(e.message).toBe(
			'Stream-stream LeftOuter join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys, or a watermark on the nullable side and an appropriate range condition'
		);
	});

	it('applies the stream-static join matrix', () => {
		const stat = `st = spark.createDataFrame([(1, "one"), (2, "two")], "value INT, name STRING")\n`;
		expect(
			ok(`${stat}result = events.join(st, "value", "left_outer")` + sink()).schema.map(
				(f) => f.name
			)
		).toEqual(['value', 'name']);
		expect(
			error(`${stat}result = events.join(st, "value", "right_outer")` + sink()).message
		).toContain('RightOuter join with a streaming DataFrame/Dataset on the left and a static');
		expect(ok(`${stat}result = events.join(st, "value")` + sink()).statefulOperators).toHaveLength(
			0
		);
	});

	it('keeps a generator where the select list puts it', () => {
		const bindings = {
			lines: [
				{ name: 's', type: { kind: 'string' } as const },
				{ name: 'n', type: int }
			]
		};
		const q = ok(
			`${F}result = lines.select("n", F.explode(F.split("s", " ")).alias("w"), "s")` +
				sink('append'),
			bindings
		);
		expect(q.schema.map((f) => f.name)).toEqual(['n', 'w', 's']);
		expect(q.schema[1]?.type.kind).toBe('string');
	});

	it('lowers withColumn, withColumnRenamed, toDF and drop like Dataset does', () => {
		const bindings = {
			events: [
				{ name: 'a', type: int },
				{ name: 'b', type: int }
			]
		};
		const names = (code: string) => ok(code + sink(), bindings).schema.map((f) => f.name);
		expect(names(`${F}result = events.withColumn("A", F.col("a") + 1)`)).toEqual(['A', 'b']);
		expect(names(`${F}result = events.withColumn("c", F.lit(1))`)).toEqual(['a', 'b', 'c']);
		expect(
			names('result = events.withColumnRenamed("b", "x").withColumnRenamed("nope", "y")')
		).toEqual(['a', 'x']);
		expect(names('result = events.toDF("x", "y").drop("x")')).toEqual(['y']);
		expect(error('result = events.toDF("x")' + sink(), bindings).message).toContain(
			"The number of columns doesn't match"
		);
	});

	it('rejects a stateful operator after an aggregation outside append mode', () => {
		const e = error(`${WM}result = ts.groupBy("t").count().dropDuplicates(["t"])` + sink('update'));
		expect(e.message).toContain(
			"Detected pattern of possible 'correctness' issue due to global watermark"
		);
	});

	it('rejects update mode with session windows', () => {
		const e = error(
			`${WM}result = ts.groupBy(F.session_window("t", "5 seconds"), "value").count()` +
				sink('update')
		);
		expect(e.message).toBe(
			'Update output mode not supported for session window on streaming DataFrames/DataSets'
		);
	});

	it('allows sorting only after an aggregation in complete mode', () => {
		expect(
			ok(`result = events.groupBy("value").count().orderBy("count")` + sink('complete'))
				.statefulOperators
		).toHaveLength(1);
		expect(
			error(`result = events.groupBy("value").count().orderBy("count")` + sink('update')).message
		).toContain('Sorting is not supported');
	});

	it('applies the trigger rules and the continuous-processing checks', () => {
		const t = (arg: string, body = 'events') =>
			`result = ${body}\nquery = result.writeStream.trigger(${arg}).start()\n`;
		expect(ok(t('continuous="1 second"', 'events.where("value > 1")')).trigger).toEqual({
			kind: 'continuous',
			intervalMs: 1000
		});
		const agg =
			'result = events.groupBy("value").count()\nquery = result.writeStream.outputMode("update").trigger(continuous="1 second").start()\n';
		expect(error(agg).message).toBe('Continuous processing does not support Aggregate operations.');
		expect(error(t('processingTime="1 month"')).message).toBe(
			"Doesn't support month or year interval: 1 month"
		);
		expect(error(t('processingTime="-1 second"')).message).toBe(
			'requirement failed: the interval of trigger should not be negative'
		);
		expect(error(t('once=False')).message).toContain('VALUE_NOT_ALLOWED');
		expect(error(t('')).message).toContain('ONLY_ALLOW_SINGLE_TRIGGER');
	});

	it('rejects limit in update mode and a batch-only DataFrame', () => {
		expect(error(`result = events.limit(3)` + sink('update')).message).toContain(
			'Limits are not supported on streaming DataFrames/Datasets in Update output mode'
		);
		expect(error(`result = spark.range(10)` + sink()).message).toBe(
			'Queries without streaming sources cannot be executed with writeStream.start()'
		);
	});

	it('reads readStream sources with their schemas', () => {
		const q = ok(
			`result = spark.readStream.format("rate").option("rowsPerSecond", 5).load()` + sink(),
			{}
		);
		expect(q.schema.map((f) => `${f.name}:${f.type.kind}`)).toEqual([
			'timestamp:timestamp',
			'value:long'
		]);
		const root = q.sources[0]?.plan;
		expect(root?.op === 'Source' && root.source).toEqual({
			kind: 'readStream',
			format: 'rate',
			options: { rowsPerSecond: '5' }
		});
		const csv = ok(`result = spark.readStream.schema("a INT, b STRING").csv("/in")` + sink(), {});
		expect(csv.schema.map((f) => `${f.name}:${f.type.kind}`)).toEqual(['a:int', 'b:string']);
		expect(
			error(`result = spark.readStream.format("json").load("/in")` + sink(), {}).message
		).toContain('Schema must be specified when creating a streaming source DataFrame');
	});

	it('records a foreachBatch function', () => {
		const q = ok(
			'def handle(df, batch_id):\n    df.show()\n\nquery = events.writeStream.foreachBatch(handle).start()\nquery.awaitTermination()\n'
		);
		expect(q.write.foreachBatch).toBe('handle');
	});

	it('counts a month as 31 days in a watermark delay, and rejects it in a window', () => {
		const q = ok(
			`result = events.withColumn("t", events.value.cast("timestamp")).withWatermark("t", "1 month 2 days")` +
				sink()
		);
		expect(q.watermarks[0]?.delayMs).toBe(33 * 86_400_000);
		expect(
			error(
				`${F}result = events.groupBy(F.window(F.col("value").cast("timestamp"), "1 month")).count()` +
					sink('update')
			).message
		).toContain('Intervals greater than a month is not supported');
	});

	it('turns an aggregate in a select list into a global aggregation', () => {
		const q = ok('result = events.selectExpr("count(*)", "max(value) AS top")' + sink('complete'));
		expect(q.statefulOperators.map((o) => o.kind)).toEqual(['aggregate']);
		expect(q.schema.map((f) => f.name)).toEqual(['count(1)', 'top']);
		expect(
			error('result = events.selectExpr("count(*)", "value")' + sink('complete')).message
		).toContain('MISSING_AGGREGATION');
	});
});
