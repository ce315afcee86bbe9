// Bad programs fail with a located error naming the construct and what is supported.
import { describe, expect, it } from 'vitest';
import { readProgram } from '../../../simulations/structured/reader/index';
import { readAndAnalyze } from './helpers';

const events = { events: [{ name: 'value', type: { kind: 'int' } } as const] };
const SINK = '\nquery = result.writeStream.outputMode("append").format("memory").start()\n';

function errorOf(code: string) {
	const r = readAndAnalyze(code, events);
	if (r.ok) throw new Error('expected an error');
	return r.error;
}

describe('located errors', () => {
	it('names an unsupported function at its line and column', () => {
		const e = errorOf(
			'from pyspark.sql import functions as F\n\nresult = events.select(F.udtf("value"))' + SINK
		);
		expect(e.line).toBe(3);
		expect(e.column).toBe(26);
		expect(e.message).toContain('`F.udtf` is not supported');
		expect(e.supported).toContain('window');
	});

	it('names an unsupported DataFrame method', () => {
		const e = errorOf('result = events.sample(0.5)' + SINK);
		expect([e.line, e.column]).toEqual([1, 17]);
		expect(e.message).toContain('DataFrame.sample');
	});

	it('reports an unknown column with Spark wording at the reference', () => {
		const e = errorOf(
			'from pyspark.sql import functions as F\nresult = events.select(F.col("nope"))' + SINK
		);
		expect(e.message).toContain('`nope` cannot be resolved');
		expect(e.message).toContain('[`value`]');
		expect(e.line).toBe(2);
	});

	it('points into SQL text, across implicitly concatenated strings', () => {
		const code =
			'from pyspark.sql import functions as F\nresult = events.filter(F.expr(\n    "value > 1 AND "\n    "nope = 2"\n))' +
			SINK;
		const e = errorOf(code);
		expect(e.message).toContain('`nope` cannot be resolved');
		expect([e.line, e.column]).toEqual([4, 6]);
		const bad = errorOf('result = events.selectExpr("value +")' + SINK);
		expect(bad.message).toContain('PARSE_SYNTAX_ERROR');
		expect(bad.line).toBe(1);
		expect(bad.column).toBeGreaterThanOrEqual(28);
		expect(bad.column).toBeLessThanOrEqual(36);
	});

	it('reports a Python syntax error where it is', () => {
		const e = errorOf('result = events.select("value"))' + SINK);
		expect([e.line, e.column]).toEqual([1, 32]);
		expect(e.message).toContain('syntax');
		expect(errorOf('result = events.select("value"' + '\n').message).toContain('unexpected end');
		const indent = errorOf('result = events\n  x = 1' + SINK);
		expect([indent.line, indent.column, indent.message]).toEqual([
			2,
			3,
			'IndentationError: unexpected indent'
		]);
	});

	it('reports an undefined name', () => {
		const e = errorOf('result = evnts.select("value")' + SINK);
		expect(e.message).toBe("name 'evnts' is not defined");
		expect([e.line, e.column]).toEqual([1, 10]);
	});

	it('rejects a negative watermark delay at its argument', () => {
		const e = errorOf('result = events.withWatermark("value", "-10 seconds")' + SINK);
		expect(e.message).toContain('should not be negative');
		expect(e.column).toBe(40);
	});

	it('wants a started query', () => {
		const r = readProgram('x = events.select("value")\n', events);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error.message).toContain('starts no streaming query');
	});

	it('reports module-level loops as unsupported (a lambda now runs on the interpreter)', () => {
		expect(errorOf('for x in [1]:\n    pass\n' + SINK).message).toContain('not supported');
		expect(errorOf('while False:\n    pass\n' + SINK).message).toContain('`while` loops');
		expect(readAndAnalyze('f = lambda x: x\nresult = f(events)' + SINK, events).ok).toBe(true);
	});

	it('rejects complete mode without aggregation', () => {
		const e = errorOf(
			'result = events\nquery = result.writeStream.outputMode("complete").start()\n'
		);
		expect(e.message).toContain('Complete output mode not supported');
		expect(e.line).toBe(2);
	});

	it('rejects an unknown output mode', () => {
		expect(
			errorOf('result = events\nquery = result.writeStream.outputMode("sometimes").start()\n')
				.message
		).toContain('Unknown output mode sometimes');
	});

	it('rejects sorting without aggregation', () => {
		const e = errorOf('result = events.orderBy("value")' + SINK);
		expect(e.message).toContain('Sorting is not supported on streaming DataFrames/Datasets');
	});

	it('rejects append mode on an aggregation without watermark', () => {
		expect(errorOf('result = events.groupBy("value").count()' + SINK).message).toContain(
			'Append output mode not supported'
		);
	});

	it('rejects distinct aggregates', () => {
		const code =
			'from pyspark.sql import functions as F\nresult = events.groupBy("value").agg(F.countDistinct("value"))\nquery = result.writeStream.outputMode("update").start()\n';
		expect(errorOf(code).message).toContain('Distinct aggregations are not supported');
	});

	it('rejects a stream-stream join in update mode', () => {
		const two = { a: events.events, b: events.events };
		const r = readAndAnalyze(
			'result = a.join(b, "value")\nquery = result.writeStream.outputMode("update").start()\n',
			two
		);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error.message).toContain('not supported in Update output mode');
	});
});
