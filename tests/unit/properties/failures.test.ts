// Exactly-once under failures, as properties over random failure schedules (fast-check):
// 1. a replayable source with an idempotent sink ends with exactly the failure-free output;
// 2. a naive (non-idempotent) sink's duplicates are exactly the rows of the re-delivered batches;
// 3. the watermark a batch runs with never goes back, across restarts;
// 4. after each batch the state holds no window the watermark has expired.
// The suite runs 1,000 schedules per property (seeded); PROPERTY_RUNS=N runs more.
import fc from 'fast-check';
import '../../../simulations/structured/stateful-python/register';
import { describe, expect, it } from 'vitest';
import { prepareQuery } from '../../../simulations/structured/index';
import type { AnalyzedQuery } from '../../../simulations/structured/analyzer/types';
import type { Row } from '../../../simulations/structured/runtime/context';
import {
	FAILURE_PHASES,
	runWithFailures,
	type Failure
} from '../../../simulations/structured/failures/schedule';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

const query = (code: string, cols: { name: string; type: { kind: 'string' | 'timestamp' } }[]) => {
	const p = prepareQuery(code, { events: cols });
	if (!p.ok) throw new Error(p.error.message);
	return p.value as AnalyzedQuery;
};

// Arbitrary state in the user's Python: a running count per key (the advanced-03 shape).
const COUNTS = query(
	`import pandas as pd
from pyspark.sql.types import LongType, StringType, StructField, StructType

def count(key, pdf_iter, state):
    n = (state.get[0] if state.exists else 0) + sum(len(pdf) for pdf in pdf_iter)
    state.update((n,))
    yield pd.DataFrame({"key": [key[0]], "count": [n]})

out = StructType([StructField("key", StringType()), StructField("count", LongType())])
q = (events.groupBy("key")
     .applyInPandasWithState(count, out, StructType([StructField("n", LongType())]), "Update", "NoTimeout")
     .writeStream.outputMode("update").format("memory").queryName("counts").start())
`,
	[{ name: 'key', type: { kind: 'string' } }]
);

// A windowed count with a watermark (append): no-data batches, eviction, late rows.
const WINDOWS = query(
	`from pyspark.sql import functions as F
q = (events.withWatermark("t", "10 seconds")
     .groupBy(F.window("t", "10 seconds"), "key").count()
     .writeStream.outputMode("append").format("memory").queryName("w").start())
`,
	[
		{ name: 'key', type: { kind: 'string' } },
		{ name: 't', type: { kind: 'timestamp' } }
	]
);

const keyRows = fc.array(
	fc.array(
		fc.constantFrom('a', 'b', 'c').map((k): Row => [k]),
		{ maxLength: 4 }
	),
	{ minLength: 1, maxLength: 6 }
);
const timedRows = fc.array(
	fc.array(
		fc
			.tuple(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 120 }))
			.map(([k, s]): Row => [k, s * 1_000_000]),
		{ maxLength: 4 }
	),
	{ minLength: 1, maxLength: 6 }
);
const schedule = fc.array(
	fc.record({ batchId: fc.nat(12), phase: fc.constantFrom(...FAILURE_PHASES) }),
	{ maxLength: 4 }
) as fc.Arbitrary<Failure[]>;

const canon = (rows: readonly Row[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('exactly-once under any failure schedule', () => {
	it('idempotent sink + replayable source = the failure-free output; naive duplicates = re-delivered batches', () => {
		fc.assert(
			fc.property(keyRows, schedule, (input, failures) => {
				const clean = runWithFailures(COUNTS, 'events', input, []);
				const run = runWithFailures(COUNTS, 'events', input, failures);
				expect([...run.idempotent.entries()]).toEqual([...clean.idempotent.entries()]);
				const replayed = run.redelivered.flatMap((id) => clean.idempotent.get(id) ?? []);
				const cleanRows = [...clean.idempotent.values()].flat();
				expect(canon(run.naive)).toEqual(canon([...cleanRows, ...replayed]));
				expect(run.naive.length - cleanRows.length).toBe(replayed.length);
			}),
			{ numRuns: RUNS, seed: 13 }
		);
	});

	it('the watermark never goes back and state never holds an expired window', () => {
		fc.assert(
			fc.property(timedRows, schedule, (input, failures) => {
				const run = runWithFailures(WINDOWS, 'events', input, failures);
				let prev = -Infinity;
				run.executed.forEach((b, i) => {
					expect(b.batchWatermarkMs).toBeGreaterThanOrEqual(prev);
					prev = b.batchWatermarkMs;
					const state = run.checkpoints[i]?.state[0] as {
						entries: [string, { k: [{ start: number; end: number }, string] }][];
					};
					for (const [, g] of state.entries)
						expect(g.k[0].end).toBeGreaterThan(b.batchWatermarkMs * 1000);
				});
			}),
			{ numRuns: RUNS, seed: 17 }
		);
	});

	it('a failure after the sink write re-delivers that batch with the same id (the schedule bites)', () => {
		const input: Row[][] = [[['a']], [['b']], [['a']]];
		const run = runWithFailures(COUNTS, 'events', input, [
			{ batchId: 1, phase: 'afterSinkBeforeCommit' }
		]);
		expect(run.redelivered).toEqual([1]);
		expect(run.restarts).toBe(1);
		// The attempt that died returned no record; its re-run did.
		expect(run.executed.map((b) => b.batchId)).toEqual([0, 1, 2]);
		expect(run.naive).toEqual([
			['a', 1],
			['b', 1],
			['b', 1],
			['a', 2]
		]);
	});
});
