// The sources wired into the one micro-batch loop: MicroBatchExecution reads Kafka and rate
// through StreamInputs, offsets/N holds each source's offset JSON, and under a manual clock the
// loop's processingTime grid decides when Kafka's minOffsetsPerTrigger check runs. Every number
// below is worked out by hand in the comments, from Spark's rules (R7.1, R7.2).
import { describe, expect, it } from 'vitest';
import { ScenarioInputs } from '../../../simulations/conformance/scenario-inputs';
import { QuerySession } from '../../../simulations/conformance/session';
import { prepareQuery } from '../../../simulations/structured/index';
import type { BatchRecord } from '../../../simulations/structured/runtime/executor';
import { MicroBatchExecution } from '../../../simulations/structured/runtime/executor';
import { rateRows, valueAtSecond } from '../../../simulations/microbatch/rate-source';
import type { ProcTimeMs } from '../../../simulations/core/time';

const CODE = `mapped = kafka.selectExpr("CAST(value AS INT) AS value")
query = mapped.writeStream.trigger(processingTime="100 milliseconds").format("memory").queryName("out").start()
`;

function kafkaSetup(options: Record<string, string>, nowMs: () => number = () => 0) {
	const inputs = new ScenarioInputs(
		{ kafka: { kind: 'kafka', topics: { t: 3 }, options: { subscribe: 't', ...options } } },
		{ nowMs }
	);
	const q = prepareQuery(CODE, inputs.bindings);
	if (!q.ok) throw new Error(q.error.message);
	const send = (partition: number, from: number, n: number) =>
		inputs.addData('kafka', [
			{ topic: 't', partition, values: Array.from({ length: n }, (_, i) => String(from + i)) }
		]);
	return { inputs, query: q.value, send };
}

describe('maxOffsetsPerTrigger through the executor: prorated by backlog', () => {
	it('101/11/1 records, limit 10: offsets/0 ends at 8/1/1, offsets/1 at 17/2/1', () => {
		const { inputs, query, send } = kafkaSetup({
			startingOffsets: 'earliest',
			maxOffsetsPerTrigger: '10'
		});
		send(0, 100, 101);
		send(1, 10, 11);
		send(2, 1, 1);
		const started = inputs.start('processingTime');
		if (!started.ok) throw new Error(started.error);
		const exec = new MicroBatchExecution(query, started.inputs, { clock: () => 0 });
		// Batch 0, backlog 113: p0 10·101/113 = 8.94 → 8; p1 10·11/113 = 0.97 < 1 → rounded up to
		// 1; p2 10·1/113 = 0.09 → 1. Ten records: 100..107, 10, 1.
		const b0 = exec.runTrigger() as BatchRecord;
		expect(b0.numInputRows).toBe(10);
		expect(JSON.parse(String(b0.sourceOffsets.kafka?.end))).toEqual({
			t: { '0': 8, '1': 1, '2': 1 }
		});
		expect(b0.output.map((r) => r[0])).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 10, 1]);
		// Batch 1, backlog 93/10/0 = 103: p0 10·93/103 = 9.03 → 9; p1 10·10/103 = 0.97 → 1; p2 none.
		const b1 = exec.runTrigger() as BatchRecord;
		expect(JSON.parse(String(b1.sourceOffsets.kafka?.end))).toEqual({
			t: { '0': 17, '1': 2, '2': 1 }
		});
		expect(b1.numInputRows).toBe(10);
		// The progress shows Spark's offsets as JSON objects, and the source's description.
		expect(b1.progress.sources[0]?.description).toBe('KafkaV2[Subscribe[t]]');
		expect(b1.progress.sources[0]?.startOffset).toEqual({ t: { '0': 8, '1': 1, '2': 1 } });
	});
});

describe('minOffsetsPerTrigger with maxTriggerDelay on the loop, manual clock', () => {
	it('triggers every 100 ms; a batch only with 15 new records or 5 s after the last batch', () => {
		// One manual clock for the trigger and the source's delay check, as the scenario has it.
		let session: QuerySession | null = null;
		const { inputs, query, send } = kafkaSetup(
			{ startingOffsets: 'earliest', minOffsetsPerTrigger: '15', maxTriggerDelay: '5s' },
			() => session?.clockMs ?? 0
		);
		const batches: BatchRecord[] = [];
		const s = new QuerySession(query, inputs, true, (b) => batches.push(b));
		session = s;
		send(0, 100, 10);
		send(1, 10, 5);
		send(2, 1, 1);
		s.start(); // t=0: 16 new ≥ 15 → batch 0
		send(1, 15, 6);
		s.advanceClock(0.1); // t=100: 6 new < 15, 100 ms < 5 s since t=0 → skipped
		send(0, 110, 11);
		send(2, 2, 1);
		s.advanceClock(0.1); // t=200: 6 + 12 = 18 ≥ 15 → batch 1
		send(0, 121, 5);
		send(1, 21, 5);
		s.advanceClock(0.1); // t=300: 10 < 15 → skipped
		s.advanceClock(5); // t=5300: 5100 ms ≥ 5000 since t=200 → batch 2 (ONE trigger, not 50)
		expect(batches.map((b) => [b.batchId, b.progress.timestamp, b.numInputRows])).toEqual([
			[0, '1970-01-01T00:00:00.000Z', 16],
			[1, '1970-01-01T00:00:00.200Z', 18],
			[2, '1970-01-01T00:00:05.300Z', 10]
		]);
	});
});

describe('rate source rampUpTime (RateStreamMicroBatchStream.valueAtSecond)', () => {
	const spec = {
		rowsPerSecond: 10,
		numPartitions: 1,
		creationMs: 0 as ProcTimeMs,
		rampUpTimeSeconds: 4
	};
	it('speed grows by 10 / (4 + 1) = 2 rows a second: seconds start at 0, 2, 6, 12, 20, then +10', () => {
		expect([0, 1, 2, 3, 4, 5, 6].map((s) => valueAtSecond(spec, s))).toEqual([
			0, 2, 6, 12, 20, 30, 40
		]);
	});
	it('second 2 holds values 6..11 spread over 1000 ms: 2000 + round(k · 1000/6)', () => {
		expect(rateRows(spec, 2, 3).map((r) => [r.timestampMs, r.value])).toEqual([
			[2000, 6],
			[2167, 7],
			[2333, 8],
			[2500, 9],
			[2667, 10],
			[2833, 11]
		]);
	});
});
