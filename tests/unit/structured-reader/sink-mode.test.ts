// DataStreamWriter.startInternal refuses a file sink's output mode before the plan's checks,
// with Spark 4.1's STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE text (FileStreamSinkSuite).
import { describe, expect, it } from 'vitest';
import { readAndAnalyze } from './helpers';

const events = [
	{ name: 'word', type: { kind: 'string' } as const },
	{ name: 'n', type: { kind: 'long' } as const }
];

describe('a file sink outside append mode', () => {
	it('update on parquet: the sink refuses it first, at outputMode', () => {
		const r = readAndAnalyze(
			'counts = events.groupBy("word").count()\n' +
				'q = counts.writeStream.outputMode("update").format("parquet")' +
				'.option("checkpointLocation", "/c").start("/out")\n',
			{ events }
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error.message).toBe(
			'[STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE] Invalid streaming output mode: update. This output mode is not supported in Data Source parquet. SQLSTATE: 42KDE'
		);
		expect(r.error.line).toBe(2);
	});
	it('complete without an aggregation on json: still the sink error, not the plan one', () => {
		const r = readAndAnalyze(
			'q = events.writeStream.outputMode("complete").format("json").start("/out")\n',
			{ events }
		);
		expect(r.ok ? '' : r.error.message).toContain(
			'Invalid streaming output mode: complete. This output mode is not supported in Data Source json.'
		);
	});
});
