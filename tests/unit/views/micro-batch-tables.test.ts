import { describe, expect, it } from 'vitest';
import { microBatchScenario } from '../../../simulations/kinds/micro-batch/questions';
import { defaultParams } from '../../../simulations/core/params';
import { tablesAt } from '../../../src/lib/views/micro-batch-tables/layout';
import { buildTrace, microBatchEngine } from '../../../simulations/kinds/micro-batch/engine';

const basic01 = microBatchScenario('basic-01-stream-processing')!;
const build = (outputMode: string) =>
	buildTrace(basic01, { ...defaultParams(basic01.schema), outputMode }, 1);

describe('tablesAt (basic-01)', () => {
	it('before the first commit the result table is empty', () => {
		const trace = build('complete');
		expect(tablesAt(trace, 0)).toMatchObject({ batchId: null, result: [], inputTotal: 0 });
	});

	it('complete: every result row was sent to the sink', () => {
		const trace = build('complete');
		const t = tablesAt(trace, 20_000);
		expect(t.result.length).toBe(5);
		expect(t.result.every((r) => r.emitted)).toBe(true);
		expect(t.result.reduce((n, r) => n + Number(r.cells[1]), 0)).toBe(t.inputTotal);
	});

	it('update: only changed rows were sent; counts equal a recount of the rows read', () => {
		const trace = build('update');
		const t = tablesAt(trace, 20_000);
		for (const r of t.result) expect(r.emitted).toBe(r.changed);
		// Values 0..n-1 were read: key k holds the number of v < n with v % 5 == k.
		const n = t.inputTotal;
		for (const r of t.result) {
			const k = Number(r.key);
			expect(Number(r.cells[1])).toBe(Math.floor((n - 1 - k) / 5) + 1);
		}
	});

	it('the input tail ends at the newest value read, stamped start + v·200 ms at 5 rows/s', () => {
		const trace = build('complete');
		const t = tablesAt(trace, 20_000);
		const last = t.inputTail.at(-1)!;
		expect(last.id).toBe(t.inputTotal - 1);
		expect(last.timestampMs).toBe(trace.queryStartMs + last.id * 200);
	});
});

describe('tablesAt (a query without an aggregation)', () => {
	it('the table is what the sink received from the last batch, in the program’s columns', () => {
		const code = basic01
			.program(defaultParams(basic01.schema))
			.replace(
				'counts = stream.groupBy((F.col("value") % NUM_KEYS).alias("key")).count()',
				'counts = stream.select((F.col("value") * 10).alias("tens"))'
			)
			.replace('.outputMode("complete")', '.outputMode("append")');
		const params = defaultParams(basic01.schema);
		const r = microBatchEngine.run(basic01, { code, params, seed: 1, script: null, edits: [] });
		if (!r.ok || r.value.kind !== 'microBatch') throw new Error('expected a micro-batch run');
		const t = tablesAt(r.value.trace, 20_000);
		expect(t).toMatchObject({ stateful: false, columns: ['tens'], outputMode: 'append' });
		const last = r.value.trace.batches.filter((b) => b.commitAt <= 20_000).at(-1)!;
		const first = (last.startOffset ?? 0) * 5;
		expect(t.result.map((x) => x.cells[0])).toEqual(
			[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => String((first + i) * 10))
		);
		expect(t.numOutputRows).toBe(last.numInputRows);
	});
});
