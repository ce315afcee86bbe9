// current_timestamp() in a streaming query is the batch's timestamp (issue 11): Spark's
// MicroBatchExecution replaces CurrentTimestamp with CurrentBatchTimestamp(offsetSeqMetadata.
// batchTimestampMs) before planning each batch, so every row of a batch gets one value, the
// next batch the next trigger's time, and a batch re-run after a crash the value in its offset
// log. Continuous processing refuses it (UnsupportedOperationChecker.checkForContinuous:
// "Continuous processing does not support current time operations."). Timestamps below are
// computed by hand: epoch offset + trigger time, in µs.
import { describe, expect, it } from 'vitest';
import {
	MemoryStreams,
	MicroBatchExecution,
	prepareQuery,
	type AnalyzedQuery
} from '../../../simulations/structured/index';

const EPOCH_MS = 1_700_000_000_000; // 2023-11-14T22:13:20Z
const bindings = { events: [{ name: 'key', type: { kind: 'string' as const } }] };

function prepare(select: string, extra = ''): AnalyzedQuery {
	const code = `from pyspark.sql import functions as F

out = events.select(${select})${extra}
query = out.writeStream.outputMode("update").format("memory").queryName("out").start()
`;
	const q = prepareQuery(code, bindings);
	if (!q.ok) throw new Error(q.error.message);
	return q.value;
}

/** An executor whose triggers fall at 2 s, 4 s, 6 s… of virtual time. */
function executor(q: AnalyzedQuery, streams: MemoryStreams, firstMs = 2000) {
	let clock = firstMs - 2000;
	return new MicroBatchExecution(q, streams, {
		clock: () => (clock += 2000),
		epochOffsetMs: EPOCH_MS
	});
}

describe('current_timestamp() is the batch timestamp, in virtual time', () => {
	it('every row of a batch gets its batch’s timestamp; the next batch the next trigger’s', () => {
		const streams = new MemoryStreams();
		const exec = executor(prepare('"key", F.current_timestamp().alias("ts")'), streams);
		streams.addData('events', [['a'], ['b']]);
		const first = exec.runTrigger();
		streams.addData('events', [['c']]);
		const second = exec.runTrigger();
		// Batch 0 at virtual 2 s: 1_700_000_002_000 ms = 1_700_000_002_000_000 µs.
		expect(first?.output).toEqual([
			['a', 1_700_000_002_000_000],
			['b', 1_700_000_002_000_000]
		]);
		// Batch 1 at virtual 4 s.
		expect(second?.output).toEqual([['c', 1_700_000_004_000_000]]);
	});

	it('now() and SQL current_timestamp() are the same value', () => {
		const streams = new MemoryStreams();
		const exec = executor(
			prepare('F.now().alias("a"), F.expr("current_timestamp()").alias("b")'),
			streams,
			6000
		);
		streams.addData('events', [['x']]);
		expect(exec.runTrigger()?.output).toEqual([[1_700_000_006_000_000, 1_700_000_006_000_000]]);
	});

	it('a window on current_timestamp() counts a batch’s rows in the windows holding its time', () => {
		const q = prepare(
			'"key", F.current_timestamp().alias("t")',
			'.groupBy(F.window("t", "6 seconds", "2 seconds")).count()'
		);
		const streams = new MemoryStreams();
		const exec = executor(q, streams);
		streams.addData('events', [['a'], ['b'], ['c']]);
		const rows = exec.runTrigger()?.output ?? [];
		// t = epoch + 2 s; 6 s windows sliding by 2 s holding it start at epoch −2 s, +0 s, +2 s.
		const startsMs = rows
			.map((r) => (r[0] as { start: number }).start / 1000 - EPOCH_MS)
			.sort((x, y) => x - y);
		expect(startsMs).toEqual([-2000, 0, 2000]);
		expect(rows.every((r) => r[1] === 3)).toBe(true);
	});

	it('a batch re-run after a crash keeps the timestamp its offset log recorded', () => {
		const q = prepare('"key", F.current_timestamp().alias("ts")');
		const streams = new MemoryStreams();
		const exec = executor(q, streams);
		streams.addData('events', [['a']]);
		const crashed = exec.runTrigger({ crashBeforeCommit: true });
		expect(crashed?.output).toEqual([['a', 1_700_000_002_000_000]]);
		// The restart's clock reads 30 s, but batch 0 re-runs with its recorded 2 s.
		const again = new MicroBatchExecution(q, streams, {
			clock: () => 30_000,
			epochOffsetMs: EPOCH_MS,
			checkpoint: exec.checkpoint()
		});
		expect(again.runTrigger()?.output).toEqual([['a', 1_700_000_002_000_000]]);
	});

	it('continuous processing keeps Spark’s refusal', () => {
		const code = `from pyspark.sql import functions as F

rate = spark.readStream.format("rate").option("rowsPerSecond", 5).load()
out = rate.select(F.current_timestamp().alias("ts"))
query = out.writeStream.format("console").trigger(continuous="1 second").start()
`;
		const q = prepareQuery(code, {});
		expect(q.ok).toBe(false);
		if (!q.ok)
			expect(q.error.message).toContain(
				'Continuous processing does not support current time operations.'
			);
	});
});
