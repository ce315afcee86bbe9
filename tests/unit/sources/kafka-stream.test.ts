import { describe, expect, it } from 'vitest';
import { KafkaBroker } from '../../../simulations/sources/kafka/broker';
import { kafkaOffsetJson } from '../../../simulations/sources/kafka/offsets';
import { parseKafkaOptions } from '../../../simulations/sources/kafka/options';
import {
	type KafkaSourceCheckpoint,
	KafkaMicroBatchStream
} from '../../../simulations/sources/kafka/stream';
import type { PartitionOffsets } from '../../../simulations/sources/kafka/offsets';
import { ManualClock, OneSourceRun, values } from './drive';

function kafka(
	broker: KafkaBroker,
	raw: Record<string, string>,
	clock = new ManualClock(),
	checkpoint?: KafkaSourceCheckpoint
) {
	const opts = parseKafkaOptions(raw);
	if (!opts.ok) throw new Error(opts.error);
	const cp = checkpoint ?? { initialOffsets: null };
	return {
		cp,
		clock,
		source: new KafkaMicroBatchStream({
			broker,
			options: opts.value,
			clock,
			checkpoint: cp,
			groupId: 'spark-kafka-source-q1-executor'
		})
	};
}

const send = (
	b: KafkaBroker,
	topic: string,
	partition: number | undefined,
	vals: string[],
	t = 0
) =>
	b.send({
		topic,
		...(partition !== undefined ? { partition } : {}),
		values: vals,
		timestampMs: t
	});

const json = (o: unknown) => kafkaOffsetJson(o as PartitionOffsets);

describe('Kafka source rows and offsets', () => {
	it('kafka-row-schema: null key, value, topic, partition, offset, timestampType 0', () => {
		const b = new KafkaBroker();
		b.createTopic('topic-0', 1);
		const { source } = kafka(b, { subscribe: 'topic-0', startingOffsets: 'earliest' });
		send(b, 'topic-0', 0, ['1'], 1234);
		const [batch] = new OneSourceRun(source).drain();
		expect(batch?.rows).toEqual([
			{
				key: null,
				value: '1',
				topic: 'topic-0',
				partition: 0,
				offset: 0,
				timestamp: 1_234_000,
				timestampType: 0
			}
		]);
		expect(source.schema.map((f) => `${f.name} ${f.type}`)).toEqual([
			'key binary',
			'value binary',
			'topic string',
			'partition int',
			'offset bigint',
			'timestamp timestamp',
			'timestampType int'
		]);
	});

	it('writes offsets as Spark does in offsets/N: next offset to read, per topic then partition', () => {
		const b = new KafkaBroker();
		b.createTopic('t', 2);
		send(b, 't', 0, ['a', 'b', 'c']);
		send(b, 't', 1, ['d']);
		const { source } = kafka(b, { subscribe: 't', startingOffsets: 'earliest' });
		const run = new OneSourceRun(source);
		const batch = run.trigger();
		expect(source.offsetJson(batch?.start as PartitionOffsets)).toBe('{"t":{"0":0,"1":0}}');
		expect(source.offsetJson(batch?.end as PartitionOffsets)).toBe('{"t":{"0":3,"1":1}}');
		expect(
			source.sameOffset(source.parseOffset('{"t":{"1":1,"0":3}}'), batch?.end as PartitionOffsets)
		).toBe(true);
		expect(source.description).toBe('KafkaV2[Subscribe[t]]');
	});

	it('startingOffsets latest (the streaming default) skips what was there, and an empty first batch still runs', () => {
		const b = new KafkaBroker();
		b.createTopic('t', 1);
		send(b, 't', 0, ['old']);
		const { source } = kafka(b, { subscribe: 't' });
		const run = new OneSourceRun(source);
		const first = run.trigger();
		expect(json(first?.end)).toBe('{"t":{"0":1}}');
		expect(first?.rows).toEqual([]);
		send(b, 't', 0, ['new']);
		expect(values(run.trigger()?.rows ?? [])).toEqual(['new']);
		expect(run.trigger()).toBeNull();
	});
});

describe('startingOffsets is used only at the first start', () => {
	it('kafka-specific-offsets: -2 earliest, -1 latest, else the offset; a restart resumes from the checkpoint', () => {
		const b = new KafkaBroker();
		b.createTopic('topic-0', 5);
		send(b, 'topic-0', 0, ['-20', '-21', '-22']);
		send(b, 'topic-0', 1, ['-10', '-11', '-12']);
		send(b, 'topic-0', 2, ['0', '1', '2']);
		send(b, 'topic-0', 3, ['10', '11', '12']);
		send(b, 'topic-0', 4, ['20', '21', '22']);
		const raw = {
			assign: '{"topic-0":[0,1,2,3,4]}',
			startingOffsets: '{"topic-0":{"0":-2,"1":-1,"2":0,"3":1,"4":2}}',
			failOnDataLoss: 'false'
		};
		const first = kafka(b, raw);
		const run = new OneSourceRun(first.source);
		const read = run.drain().flatMap((x) => values(x.rows));
		expect(read.map(Number).sort((x, y) => x - y)).toEqual([-22, -21, -20, 0, 1, 2, 11, 12, 22]);
		// sources/0/0 holds the resolved starting offsets.
		expect(json(first.cp.initialOffsets)).toBe('{"topic-0":{"0":0,"1":3,"2":0,"3":1,"4":2}}');
		// Restart: a new source instance on the same checkpoint; nothing new → no batch.
		const second = kafka(b, raw, new ManualClock(), first.cp);
		const rerun = new OneSourceRun(second.source, run.committed);
		expect(rerun.trigger()).toBeNull();
		for (const [p, v] of [
			[0, '30'],
			[1, '31'],
			[2, '32'],
			[3, '33'],
			[4, '34']
		] as const)
			send(b, 'topic-0', p, [v]);
		expect(
			rerun
				.drain()
				.flatMap((x) => values(x.rows))
				.sort()
		).toEqual(['30', '31', '32', '33', '34']);
	});

	it('a changed startingOffsets on restart is ignored: sources/0/0 wins', () => {
		const b = new KafkaBroker();
		b.createTopic('t', 1);
		send(b, 't', 0, ['a', 'b']);
		const first = kafka(b, { subscribe: 't', startingOffsets: 'latest' });
		expect(json(first.source.initialOffset())).toBe('{"t":{"0":2}}');
		// The user edits the program to earliest and restarts on the same checkpoint.
		const again = kafka(
			b,
			{ subscribe: 't', startingOffsets: 'earliest' },
			new ManualClock(),
			first.cp
		);
		expect(json(again.source.initialOffset())).toBe('{"t":{"0":2}}');
	});

	it("specific offsets must name exactly the assigned partitions (Spark's message)", () => {
		const b = new KafkaBroker();
		b.createTopic('t', 2);
		const { source } = kafka(b, { subscribe: 't', startingOffsets: '{"t":{"0":-2}}' });
		expect(() => source.initialOffset()).toThrow(
			"Partitions specified for Kafka start offsets don't match what are assigned. Maybe topic partitions are created \n" +
				'or deleted while the query is running. Use -1 for latest, -2 for earliest.\n' +
				'Specified: Set(t-0) Assigned: Set(t-0, t-1)'
		);
	});
});

describe('partitions added later', () => {
	it('kafka-earliest-new-partitions: a partition added while running is read from its earliest offset', () => {
		const b = new KafkaBroker();
		b.createTopic('topic-0', 5);
		for (const v of ['1', '2', '3']) send(b, 'topic-0', undefined, [v]);
		const first = kafka(b, {
			subscribe: 'topic-0',
			startingOffsets: 'earliest',
			failOnDataLoss: 'true'
		});
		const run = new OneSourceRun(first.source);
		expect(
			run
				.drain()
				.flatMap((x) => values(x.rows))
				.sort()
		).toEqual(['1', '2', '3']);
		b.addPartitions('topic-0', 10);
		// Eight sends round-robin from where the producer was (partition 3): partitions 3..9, then 0.
		for (let v = 9; v <= 16; v++) send(b, 'topic-0', undefined, [String(v)]);
		const batches = run.drain();
		expect(batches).toHaveLength(1);
		const rows = batches[0]?.rows ?? [];
		expect(rows.map((r) => r.value).sort((x, y) => Number(x) - Number(y))).toEqual([
			'9',
			'10',
			'11',
			'12',
			'13',
			'14',
			'15',
			'16'
		]);
		// New partitions' ranges start at 0 (the offset 0 rows of partitions 5..9).
		expect(rows.filter((r) => (r.partition as number) >= 5).every((r) => r.offset === 0)).toBe(
			true
		);
		expect(json(batches[0]?.start)).toBe('{"topic-0":{"0":1,"1":1,"2":1,"3":0,"4":0}}');
	});

	it('an added partition that no longer starts at 0 is data loss: fails, or warns when failOnDataLoss=false', () => {
		const setUp = (fail: string) => {
			const b = new KafkaBroker();
			b.createTopic('t', 1);
			const k = kafka(b, { subscribe: 't', startingOffsets: 'earliest', failOnDataLoss: fail });
			const run = new OneSourceRun(k.source);
			run.trigger();
			b.addPartitions('t', 2);
			send(b, 't', 1, ['x', 'y', 'z']);
			b.deleteRecordsBefore({ topic: 't', partition: 1 }, 2);
			return { run, source: k.source };
		};
		const failing = setUp('true');
		expect(() => failing.run.trigger()).toThrow(
			'Some data may have been lost because they are not available in Kafka any more;\n' +
				'either the data was aged out by Kafka or the topic may have been deleted before all the data in the\n' +
				'topic was processed.\n' +
				"If you don't want your streaming query to fail on such cases, set the source option failOnDataLoss to false.\n" +
				'Reason: Added partition t-1 starts from 2 instead of 0.'
		);
		const lenient = setUp('false');
		expect(values(lenient.run.trigger()?.rows ?? [])).toEqual(['z']);
		expect(lenient.source.dataLossEvents[0]?.warning).toMatch(
			/^Added partition t-1 starts from 2 instead of 0\. Some data may have been missed\. \n/
		);
	});
});

describe('retention overtaking the consumer', () => {
	function overtaken(failOnDataLoss: string) {
		const b = new KafkaBroker();
		b.createTopic('t', 2);
		const k = kafka(b, {
			subscribe: 't',
			startingOffsets: 'earliest',
			maxOffsetsPerTrigger: '4',
			failOnDataLoss
		});
		send(b, 't', 0, ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'], 0);
		send(b, 't', 1, ['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'], 0);
		const run = new OneSourceRun(k.source);
		// Batch 0: sizes 8/8, limit 4 → 4 × 8/16 = 2 each: t-0 [0,2), t-1 [0,2).
		const b0 = run.trigger();
		expect(json(b0?.end)).toBe('{"t":{"0":2,"1":2}}');
		// Retention deletes t-0 up to offset 5 while the query is behind at 2.
		b.deleteRecordsBefore({ topic: 't', partition: 0 }, 5);
		return { run, source: k.source };
	}

	it('failOnDataLoss=true: the next batch fails with KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE', () => {
		const { run } = overtaken('true');
		let error: unknown;
		try {
			run.trigger();
		} catch (e) {
			error = e;
		}
		expect((error as { condition?: string }).condition).toBe(
			'KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE'
		);
		// Batch 1 planned t-0 [2,4) (sizes 6/6 → 2 each), whose offsets are gone.
		expect((error as Error).message).toBe(
			'Some data may have been lost because they are not available in Kafka any more;\n' +
				'either the data was aged out by Kafka or the topic may have been deleted before all the data in the\n' +
				'topic was processed.\n' +
				"If you don't want your streaming query to fail on such cases, set the source option failOnDataLoss to false.\n" +
				'Reason: Could not read records in offset [2, 4) for topic partition t-0\n' +
				'with consumer group spark-kafka-source-q1-executor.'
		);
		// Nothing was committed: the failed batch is re-run from the same start on restart.
		expect(json(run.committed)).toBe('{"t":{"0":2,"1":2}}');
	});

	it('failOnDataLoss=false: the gap is skipped and counted', () => {
		const { run, source } = overtaken('false');
		// Batch 1: t-0 [2,4) is entirely gone (earliest 5 ≥ 4) → 2 offsets skipped, no rows; t-1 [2,4).
		expect(values(run.trigger()?.rows ?? [])).toEqual(['b2', 'b3']);
		expect(source.offsetOutOfRange).toBe(2);
		// Batch 2: sizes 4/4 → t-0 [4,6): 4 is gone → resume at 5, 1 more skipped; t-1 [4,6).
		expect(values(run.trigger()?.rows ?? [])).toEqual(['a5', 'b4', 'b5']);
		expect(source.offsetOutOfRange).toBe(3);
		expect(source.dataLoss).toBe(2);
		expect(source.dataLossEvents.map((e) => e.skippedOffsets)).toEqual([2, 1]);
	});

	it('time-based retention deletes records older than retention.ms', () => {
		const b = new KafkaBroker();
		b.createTopic('t', 1);
		send(b, 't', 0, ['old'], 1000);
		send(b, 't', 0, ['new'], 9000);
		expect(b.applyRetention(5000, 10_000)).toBe(1);
		expect(b.earliest({ topic: 't', partition: 0 })).toBe(1);
		expect(b.latest({ topic: 't', partition: 0 })).toBe(2);
	});
});

describe('minOffsetsPerTrigger through the stream, on the injected clock', () => {
	it('skips triggers (no batch) until enough records or maxTriggerDelay since the last batch', () => {
		const b = new KafkaBroker();
		b.createTopic('t', 1);
		const clock = new ManualClock();
		const { source } = kafka(
			b,
			{
				subscribe: 't',
				startingOffsets: 'earliest',
				minOffsetsPerTrigger: '3',
				maxTriggerDelay: '1s'
			},
			clock
		);
		send(b, 't', 0, ['a', 'b', 'c']);
		const run = new OneSourceRun(source);
		expect(values(run.trigger()?.rows ?? [])).toEqual(['a', 'b', 'c']); // t=0: 3 ≥ 3
		send(b, 't', 0, ['d']);
		clock.advance(500);
		expect(run.trigger()).toBeNull(); // t=500: 1 < 3 and 500 < 1000
		expect(source.lastDecision).toEqual({ skipped: true, newRecords: 1, lastTriggerMillis: 0 });
		clock.advance(500);
		expect(values(run.trigger()?.rows ?? [])).toEqual(['d']); // t=1000: delay reached
	});

	it('with both limits, min decides whether and max how much (a composite limit)', () => {
		const b = new KafkaBroker();
		b.createTopic('t', 1);
		const { source } = kafka(b, {
			subscribe: 't',
			startingOffsets: 'earliest',
			minOffsetsPerTrigger: '2',
			maxOffsetsPerTrigger: '3'
		});
		expect(source.getDefaultReadLimit()).toEqual({
			kind: 'composite',
			limits: [
				{ kind: 'minRows', rows: 2, maxTriggerDelayMs: 900_000 },
				{ kind: 'maxRows', maxRows: 3 }
			]
		});
		send(b, 't', 0, ['a', 'b', 'c', 'd', 'e']);
		const run = new OneSourceRun(source);
		expect(values(run.trigger()?.rows ?? [])).toEqual(['a', 'b', 'c']);
		expect(values(run.trigger()?.rows ?? [])).toEqual(['d', 'e']);
		expect(run.trigger()).toBeNull();
	});
});

describe('options, ranges and metrics', () => {
	it("refuses bad options with KafkaSourceProvider's messages", () => {
		const e = (raw: Record<string, string>) => {
			const r = parseKafkaOptions(raw);
			return r.ok ? 'ok' : r.error;
		};
		expect(e({})).toBe(
			'One of the following options must be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.'
		);
		expect(e({ subscribe: 't', assign: '{"t":[0]}' })).toMatch(
			/^Only one of the following options can be specified/
		);
		expect(e({ subscribe: ' , ' })).toBe(
			"No topics to subscribe to as specified value for option 'subscribe' is ' , '"
		);
		expect(e({ assign: '' })).toBe(
			"No topicpartitions to assign as specified value for option 'assign' is ''"
		);
		expect(e({ subscribe: 't', minOffsetsPerTrigger: '20', maxOffsetsPerTrigger: '15' })).toBe(
			'The value of minOffsetPerTrigger(20) is higher than the maxOffsetsPerTrigger(15).'
		);
		expect(e({ subscribe: 't', startingOffsets: '{"t":[0]}' })).toBe(
			'Expected e.g. {"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}, got {"t":[0]}'
		);
		expect(e({ subscribe: 't', maxTriggerDelay: '5 parsecs' })).toMatch(
			/^Time must be specified as seconds/
		);
		expect(e({ subscribe: 't', maxTriggerDelay: '5parsecs' })).toBe(
			'Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), ' +
				'hour (h), or day (d). E.g. 50s, 100ms, or 250us.\nInvalid suffix: "parsecs"'
		);
		expect(e({ subscribe: 't', endingOffsets: 'latest' })).toBe(
			'ending offset not valid in streaming queries'
		);
		expect(e({ subscribe: 't', minPartitions: '0' })).toBe('minPartitions must be positive');
		expect(e({ subscribe: 't', 'kafka.enable.auto.commit': 'true' })).toBe(
			"Kafka option 'enable.auto.commit' is not supported"
		);
		expect(e({ subscribe: 't', 'kafka.value.deserializer': 'x' })).toMatch(
			/^Kafka option 'value.deserializer' is not supported as values are deserialized as byte arrays/
		);
		const strict = parseKafkaOptions({ subscribe: 't' }, true);
		expect(strict.ok ? '' : strict.error).toBe(
			"Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer"
		);
	});

	it('subscribePattern matches whole topic names, including topics created later', () => {
		const b = new KafkaBroker();
		b.createTopic('events-a', 1);
		b.createTopic('other', 1);
		const { source } = kafka(b, { subscribePattern: 'events-.*', startingOffsets: 'earliest' });
		expect(source.assignedPartitions().map((p) => p.topic)).toEqual(['events-a']);
		b.createTopic('events-b', 2);
		expect(source.assignedPartitions().map((p) => `${p.topic}-${p.partition}`)).toEqual([
			'events-a-0',
			'events-b-0',
			'events-b-1'
		]);
	});

	it('minPartitions splits a skewed partition into about that many tasks', () => {
		// ranges 0→90 and 0→10, minPartitions 5: total 100; t-1: round(10/100 × 5) = round(0.5) = 1 → unsplit;
		// t-0: round(90/90 × (5 − 1)) = 4 pieces: 90/4 = 22, 68/3 = 22, 46/2 = 23, 23.
		const b = new KafkaBroker();
		b.createTopic('t', 2);
		send(
			b,
			't',
			0,
			Array.from({ length: 90 }, (_, i) => String(i))
		);
		send(
			b,
			't',
			1,
			Array.from({ length: 10 }, (_, i) => String(i))
		);
		const { source } = kafka(b, {
			subscribe: 't',
			startingOffsets: 'earliest',
			minPartitions: '5'
		});
		const start = source.initialOffset();
		const end = source.latestOffset(start, source.getDefaultReadLimit());
		const parts = source.planInputPartitions(start, end ?? start);
		expect(parts.map((p) => `${p.label}[${p.from},${p.until})`)).toEqual([
			't-0[0,22)',
			't-0[22,44)',
			't-0[44,67)',
			't-0[67,90)',
			't-1[0,10)'
		]);
	});

	it('reports offsets behind latest (min/max/avg) for the progress', () => {
		const b = new KafkaBroker();
		b.createTopic('t', 2);
		send(b, 't', 0, ['a', 'b', 'c', 'd']);
		send(b, 't', 1, ['e']);
		const { source } = kafka(b, {
			subscribe: 't',
			startingOffsets: 'earliest',
			maxOffsetsPerTrigger: '2'
		});
		const run = new OneSourceRun(source);
		const batch = run.trigger();
		// total 5: t-0 2 × 4/5 = 1.6 → 1; t-1 2 × 1/5 = 0.4 → ceil 1. Behind: 4−1 = 3 and 1−1 = 0.
		expect(source.metrics(batch?.end as PartitionOffsets)).toEqual({
			minOffsetsBehindLatest: '0',
			maxOffsetsBehindLatest: '3',
			avgOffsetsBehindLatest: '1.5'
		});
	});
});
