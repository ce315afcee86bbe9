// One work budget per run: past a limit a run ends with a located message naming the limit and
// the value that crossed it.
import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
	RUN_LIMITS,
	RunBudget,
	RunLimitExceeded,
	type RunLimit
} from '../../../simulations/core/budget';
import { readDStreamProgram, simulateDStreams } from '../../../simulations/dstream/index';
import { evalPython } from '../../../simulations/python/index';
import { prepareQuery, runMicroBatches, simulate } from '../../../simulations/structured/index';
import type { StructField } from '../../../simulations/structured/expr/ast';

const EVENTS: Record<string, StructField[]> = {
	events: [
		{ name: 'eventTime', type: { kind: 'timestamp' } },
		{ name: 'key', type: { kind: 'string' } }
	]
};
const windowed = (duration: string, slide: string) => `from pyspark.sql import functions as F
counts = (events.withWatermark("eventTime", "5 seconds")
    .groupBy(F.window("eventTime", "${duration}", "${slide}"), "key").count())
query = counts.writeStream.outputMode("update").format("memory").queryName("b").start()
`;

describe('windows per row', () => {
	it('refuses a window of 1 hour sliding every millisecond at the call, before anything runs', () => {
		const q = prepareQuery(windowed('1 hour', '1 millisecond'), EVENTS);
		expect(q.ok).toBe(false);
		if (q.ok) return;
		expect(q.error).toMatchObject({ line: 3, column: 16 });
		expect(q.error.message).toBe(
			'this window puts each row in 3,600,000 windows (window duration / slide duration); the playground draws at most 1,000 windows per row. Use a longer slide or a shorter window.'
		);
	});

	it('accepts the sliding windows the pages offer (60 s every 1 s)', () => {
		expect(prepareQuery(windowed('60 seconds', '1 second'), EVENTS).ok).toBe(true);
	});
});

describe('rows, state rows and trace rows in a run', () => {
	const run = (code: string, rows: unknown[][], limits: Partial<Record<RunLimit, number>>) => {
		const q = prepareQuery(code, EVENTS);
		if (!q.ok) throw new Error(q.error.message);
		const scheduler = new VirtualTimeScheduler(undefined, 10_000);
		let failure: unknown = null;
		runMicroBatches(q.value, [{ atMs: 1, source: 'events', rows: rows as never }], {
			scheduler,
			untilMs: 5000,
			triggerIntervalMs: 1000,
			limits: { ...RUN_LIMITS, ...limits }
		}).subscribe({ error: (e: unknown) => (failure = e) });
		scheduler.flush();
		return failure as RunLimitExceeded | null;
	};
	const rows = Array.from({ length: 100 }, (_, i) => [i * 1_000_000, `k${i}`]);

	it('counts each row once per window it falls in', () => {
		expect(run(windowed('10 seconds', '1 second'), rows, { rows: 1099 })).toMatchObject({
			limit: 'rows',
			value: 1100,
			message: expect.stringContaining('this run put 1,100 rows through the engine')
		});
		expect(run(windowed('10 seconds', '1 second'), rows, { rows: 1100 })).toBeNull();
	});

	it('stops a batch that leaves more state rows than the limit', () => {
		const e = run(windowed('10 seconds', '10 seconds'), rows, { stateRows: 50 });
		expect(e).toBeInstanceOf(RunLimitExceeded);
		expect(e?.message).toContain('a stateful operator holds 100 rows of state after this batch');
	});

	it('counts the rows the trace records', () => {
		expect(run(windowed('10 seconds', '10 seconds'), rows, { traceRows: 150 })?.limit).toBe(
			'traceRows'
		);
	});

	it('simulate() throws the limit, so a page shows it instead of a partial run', () => {
		const q = prepareQuery(windowed('10 seconds', '1 second'), EVENTS);
		if (!q.ok) throw new Error(q.error.message);
		expect(() =>
			simulate(q.value, [{ atMs: 1, source: 'events', rows: rows as never }], {
				untilMs: 5000,
				limits: { ...RUN_LIMITS, rows: 10 }
			})
		).toThrow(RunLimitExceeded);
	});

	it('RunBudget charges totals and checks levels', () => {
		const b = new RunBudget({ ...RUN_LIMITS, rows: 10 });
		b.charge('rows', 10);
		expect(() => b.charge('rows', 1)).toThrow('this run put 11 rows');
		expect(() => b.check('stateRows', RUN_LIMITS.stateRows + 1)).toThrow(RunLimitExceeded);
	});
});

describe('Python steps: one budget for the whole run', () => {
	it('charges a builtin for the items it makes and reads, at the call', () => {
		const r = evalPython('x = 1\nsum(range(3000000)) + sum(range(3000000))');
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error.message).toMatch(/^this run's Python took more than 5,000,000 steps/);
		expect(r.error).toMatchObject({ line: 2, column: 1 });
	});

	it('list and string repetition count too, before anything is allocated', () => {
		for (const src of ['[0] * 10**9', '"ab" * 10**12', 'list(range(10**15))']) {
			const r = evalPython(src);
			expect(r.ok ? '' : r.error.message).toMatch(/^this run's Python took more than/);
		}
	});

	it('a per-word function summing range(999999) ends the DStream run at the call, within the budget', () => {
		const src = `from pyspark import SparkContext
from pyspark.streaming import StreamingContext
ssc = StreamingContext(SparkContext("local[2]"), 1)
lines = ssc.socketTextStream("localhost", 9999)
lines.flatMap(lambda l: l.split()).map(lambda w: sum(range(999999))).pprint()
ssc.start()
`;
		const p = readDStreamProgram(src);
		if (!p.ok) throw new Error(p.error.message);
		const source = {
			arrivals: (from: number, to: number) =>
				Math.floor(to / 10) > Math.floor(from / 10) ? ['a b c d'] : []
		};
		const events = simulateDStreams(p.value, { durationMs: 30_000, sources: [source] });
		const error = events.find((e) => e.type === 'error');
		expect(error?.type === 'error' ? error.error : null).toMatchObject({
			line: 5,
			message: expect.stringMatching(/^this run's Python took more than 5,000,000 steps/)
		});
		// The run stopped at the first batch over the budget, not after 30 batches.
		expect(events.filter((e) => e.type === 'batchCompleted').length).toBeLessThan(3);
	});
});
