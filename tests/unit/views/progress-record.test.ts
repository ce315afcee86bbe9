import { describe, expect, it } from 'vitest';
import { microBatchScenario } from '../../../simulations/kinds/micro-batch/questions';
import { defaultParams } from '../../../simulations/core/params';
import { progressJson, progressSummary } from '../../../src/lib/views/progress-record/layout';
import { buildTrace } from '../../../simulations/kinds/micro-batch/engine';

describe('progressJson', () => {
	const s = microBatchScenario('basic-11-micro-batches')!;
	const trace = buildTrace(s, defaultParams(s.schema), 1);
	const b2 = trace.batches[2]!;

	it('prints the rates with one decimal, as Spark’s JSON does (100 → 100.0)', () => {
		const json = progressJson(b2.progress);
		expect(json).toContain('"inputRowsPerSecond": 100.0,');
		expect(json).toMatch(/"processedRowsPerSecond": \d+\.\d,/);
		expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(b2.progress)));
	});

	it('names the rate source as Spark prints it (no closing bracket)', () => {
		expect(b2.progress.sources[0]?.description).toBe(
			'RateStreamV2[rowsPerSecond=100, rampUpTimeSeconds=0, numPartitions=2'
		);
		const b01 = microBatchScenario('basic-01-stream-processing')!;
		const t01 = buildTrace(b01, defaultParams(b01.schema), 1);
		expect(t01.batches[1]?.progress.sources[0]?.description).toMatch(/numPartitions=default$/);
	});

	it('summarises a batch in one line', () => {
		expect(progressSummary(b2.progress)).toMatch(/^batch 2: 200 rows/);
	});
});
