/**
 * The Kafka conformance scenarios in ../shared/conformance, replayed at the source level: which
 * offsets (and so which values) each trigger takes. When the micro-batch loop is wired to these
 * sources the scenarios' answers follow from these batches.
 */
import { describe, expect, it } from 'vitest';
import { KafkaBroker } from '../../../simulations/sources/kafka/broker';
import type { PartitionOffsets } from '../../../simulations/sources/kafka/offsets';
import { parseKafkaOptions } from '../../../simulations/sources/kafka/options';
import { KafkaMicroBatchStream } from '../../../simulations/sources/kafka/stream';
import { ManualClock, OneSourceRun } from './drive';

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => String(from + i));

function setUp(options: Record<string, string>) {
	const broker = new KafkaBroker();
	broker.createTopic('topic-0', 3);
	const clock = new ManualClock(0);
	const checkpoint = { initialOffsets: null as PartitionOffsets | null };
	const parsed = parseKafkaOptions({
		subscribe: 'topic-0',
		startingOffsets: 'earliest',
		...options
	});
	if (!parsed.ok) throw new Error(parsed.error);
	const start = () =>
		new KafkaMicroBatchStream({ broker, options: parsed.value, clock, checkpoint });
	const send = (p: number, vals: string[]) =>
		broker.send({ topic: 'topic-0', partition: p, values: vals, timestampMs: clock.nowMs() });
	return { broker, clock, start, send };
}

const sortedValues = (rows: readonly Record<string, unknown>[] | undefined) =>
	(rows ?? []).map((r) => Number(r.value)).sort((a, b) => a - b);

describe('conformance at the source level', () => {
	it('kafka-max-offsets-per-trigger: 10 per batch prorated 101/11/1, continuing across a restart', () => {
		const { clock, start, send } = setUp({ maxOffsetsPerTrigger: '10' });
		send(0, range(101, 100));
		send(1, range(11, 10));
		send(2, ['1']);
		const run = new OneSourceRun(start());
		expect(sortedValues(run.trigger()?.rows)).toEqual([
			1, 10, 100, 101, 102, 103, 104, 105, 106, 107
		]);
		clock.advance(100);
		expect(sortedValues(run.trigger()?.rows)).toEqual([
			11, 108, 109, 110, 111, 112, 113, 114, 115, 116
		]);
		// stopStream / startStream: a new source instance resumes from the committed offsets.
		const restarted = new OneSourceRun(start(), run.committed);
		expect(sortedValues(restarted.trigger()?.rows)).toEqual([
			12, 117, 118, 119, 120, 121, 122, 123, 124, 125
		]);
		clock.advance(100);
		expect(sortedValues(restarted.trigger()?.rows)).toEqual([
			13, 126, 127, 128, 129, 130, 131, 132, 133, 134
		]);
	});

	it('kafka-min-offsets-per-trigger: 15 records or 5 s since the last batch, on the 100 ms trigger clock', () => {
		const { clock, start, send } = setUp({ minOffsetsPerTrigger: '15', maxTriggerDelay: '5s' });
		send(0, range(10, 100));
		send(1, range(5, 10));
		send(2, ['1']);
		const run = new OneSourceRun(start());
		expect(sortedValues(run.trigger()?.rows)).toHaveLength(16); // t = 0: 16 ≥ 15
		send(1, range(6, 15));
		clock.advance(100);
		expect(run.trigger()).toBeNull(); // t = 100: 6 < 15
		send(0, range(11, 110));
		send(2, ['2']);
		clock.advance(100);
		expect(sortedValues(run.trigger()?.rows)).toEqual([
			2,
			15,
			16,
			17,
			18,
			19,
			20,
			...range(11, 110).map(Number)
		]); // t = 200: 18
		send(0, range(5, 121));
		send(1, range(5, 21));
		clock.advance(100);
		expect(run.trigger()).toBeNull(); // t = 300: 10 < 15
		clock.advance(5000);
		expect(sortedValues(run.trigger()?.rows)).toEqual([
			21, 22, 23, 24, 25, 121, 122, 123, 124, 125
		]); // t = 5300: 5100 ≥ 5000
	});
});
