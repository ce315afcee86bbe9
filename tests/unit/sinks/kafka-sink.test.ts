/**
 * The Kafka sink: KafkaWriter.validateQuery's messages, the topic option overriding the column,
 * keyed records placed by murmur2 (Kafka's UtilsTest vectors), and a job that fails after one
 * task leaving that task's records in the topic.
 */
import { describe, expect, it } from 'vitest';
import {
	KafkaSink,
	murmur2,
	partitionForKey,
	utf8Bytes,
	validateKafkaSchema,
	type SinkField
} from '../../../simulations/sinks';
import { KafkaBroker } from '../../../simulations/sources/kafka/broker';

const str = (name: string): SinkField => ({ name, type: { kind: 'string' } });

describe('validateQuery', () => {
	it('needs a topic column or option, and a value', () => {
		expect(validateKafkaSchema([str('value')])?.message).toBe(
			"topic option required when no 'topic' attribute is present. Use the topic option for setting a topic."
		);
		expect(validateKafkaSchema([str('value')], 't')).toBeNull();
		expect(validateKafkaSchema([str('key')], 't')?.message).toBe(
			"Required attribute 'value' not found"
		);
	});

	it('names the wrong type with its catalogString', () => {
		expect(validateKafkaSchema([{ name: 'value', type: { kind: 'long' } }], 't')?.message).toBe(
			'value attribute unsupported type bigint. value must be a(n) string or binary'
		);
		expect(
			validateKafkaSchema([str('value'), { name: 'partition', type: { kind: 'long' } }], 't')
				?.message
		).toBe('partition attribute unsupported type bigint. partition must be a(n) int');
		expect(
			validateKafkaSchema([str('value'), { name: 'topic', type: { kind: 'int' } }])?.message
		).toBe('topic attribute unsupported type int. topic must be a(n) string');
	});
});

describe('partitioning', () => {
	it("murmur2 matches Kafka's UtilsTest vectors", () => {
		const cases: [string, number][] = [
			['21', -973932308],
			['foobar', -790332482],
			['a-little-bit-long-string', -985981536],
			['a-little-bit-longer-string', -1486304829],
			['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
			['abc', 479470107]
		];
		for (const [s, h] of cases) expect(murmur2(utf8Bytes(s))).toBe(h);
	});

	it('toPositive(murmur2) % partitions, worked by hand for 7 partitions', () => {
		// "21": 2^31 - 973932308 = 1173551340 = 7 * 167650191 + 3
		expect(partitionForKey('21', 7)).toBe(3);
		// "abc": 479470107 = 7 * 68495729 + 4
		expect(partitionForKey('abc', 7)).toBe(4);
	});

	it('keyed rows land where the key hashes; the topic option overrides the column', () => {
		const broker = new KafkaBroker();
		broker.createTopic('out', 7);
		const sink = new KafkaSink({
			broker,
			schema: [str('key'), str('value'), str('topic')],
			options: { topic: 'out' }
		});
		sink.addBatch({
			batchId: 0,
			rows: [
				['21', 'x', 'ignored'],
				['abc', 'y', 'ignored']
			],
			outputMode: 'update'
		});
		expect(sink.produced.map((r) => `${r.topic}/${r.partition}@${r.offset}=${r.value}`)).toEqual([
			'out/3@0=x',
			'out/4@0=y'
		]);
		expect(broker.topicNames()).toEqual(['out']);
	});

	it('an explicit partition beyond the topic fails the task with the producer message', () => {
		const broker = new KafkaBroker();
		broker.createTopic('out', 2);
		const sink = new KafkaSink({
			broker,
			schema: [str('value'), { name: 'partition', type: { kind: 'int' } }],
			options: { topic: 'out' }
		});
		const o = sink.addBatch({
			batchId: 0,
			rows: [
				['a', 1],
				['b', 5]
			],
			outputMode: 'append'
		});
		expect(o.status).toBe('failed');
		expect(o.error?.message).toBe(
			'Invalid partition given with record: 5 is not in the range [0...2).'
		);
		// The first record was already sent: it stays.
		expect(o.delivered).toEqual([0]);
		expect(broker.latest({ topic: 'out', partition: 1 })).toBe(1);
	});

	it('the topic option is case-insensitive and trimmed', () => {
		const broker = new KafkaBroker();
		const sink = new KafkaSink({ broker, schema: [str('value')], options: { TOPIC: ' out ' } });
		sink.addBatch({ batchId: 0, rows: [['v']], outputMode: 'complete' });
		expect(broker.topicNames()).toEqual(['out']);
	});

	it('a null topic in the data fails the task', () => {
		const broker = new KafkaBroker();
		const sink = new KafkaSink({ broker, schema: [str('topic'), str('value')] });
		const o = sink.addBatch({ batchId: 0, rows: [[null, 'v']], outputMode: 'append' });
		expect(o.error?.message).toBe(
			'null topic present in the data. Use the topic option for setting a default topic.'
		);
	});
});

describe('at-least-once', () => {
	it("a job failing after task 0 keeps task 0's records; the retry sends them again", () => {
		const broker = new KafkaBroker();
		broker.createTopic('out', 1);
		const sink = new KafkaSink({ broker, schema: [str('value')], options: { topic: 'out' } });
		const rows = [['a'], ['b']];
		const tasks = [[0], [1]];
		const failed = sink.addBatch({
			batchId: 0,
			rows,
			outputMode: 'append',
			tasks,
			fault: { afterTasks: 1 }
		});
		expect(failed).toMatchObject({ status: 'failed', delivered: [0] });
		sink.addBatch({ batchId: 0, rows, outputMode: 'append', tasks });
		expect(broker.records({ topic: 'out', partition: 0 }, 0, 10).map((r) => r.value)).toEqual([
			'a',
			'a',
			'b'
		]);
		expect(sink.ledger.writes(0, ['a'])).toBe(2);
		expect(sink.ledger.writes(0, ['b'])).toBe(1);
	});
});
