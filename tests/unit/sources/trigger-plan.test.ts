import { describe, expect, it } from 'vitest';
import { rateSource } from '../../../simulations/microbatch/rate-source';
import { socketSource } from '../../../simulations/microbatch/socket-source';
import type { ProcTimeMs } from '../../../simulations/core/time';
import { LongOffsetSourceAdapter } from '../../../simulations/sources/legacy-adapter';
import { KafkaBroker } from '../../../simulations/sources/kafka/broker';
import { kafkaOffsetJson, type PartitionOffsets } from '../../../simulations/sources/kafka/offsets';
import { parseKafkaOptions } from '../../../simulations/sources/kafka/options';
import { KafkaMicroBatchStream } from '../../../simulations/sources/kafka/stream';
import {
	offsetLogSourceLines,
	planTrigger,
	runToCompletion,
	setUpTrigger
} from '../../../simulations/sources/trigger-plan';
import { getBatch } from '../../../simulations/sources/contract';
import { ManualClock } from './drive';

function kafka(
	broker: KafkaBroker,
	raw: Record<string, string>,
	checkpoint = { initialOffsets: null as PartitionOffsets | null }
) {
	const o = parseKafkaOptions(raw);
	if (!o.ok) throw new Error(o.error);
	return new KafkaMicroBatchStream({
		broker,
		options: o.value,
		clock: new ManualClock(),
		checkpoint
	});
}

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => String(from + i));

describe('Trigger.Once vs Trigger.AvailableNow with read limits', () => {
	it('kafka-available-now-batches: 15 records on one of 5 partitions, maxOffsetsPerTrigger 5 → three batches', () => {
		const b = new KafkaBroker();
		b.createTopic('topic-0', 5);
		b.send({
			topic: 'topic-0',
			partition: 0,
			values: range(15).map((i) => `foo-${i}`),
			timestampMs: 0
		});
		const source = kafka(b, {
			subscribe: 'topic-0',
			startingOffsets: 'earliest',
			maxOffsetsPerTrigger: '5'
		});
		const r = runToCompletion([source], 'availableNow', [null]);
		// Only partition 0 has a backlog: 5 × 15/15 = 5, then 5 × 10/10, then 5 × 5/5.
		expect(r.batches.map((x) => kafkaOffsetJson(x.ends[0] as PartitionOffsets))).toEqual([
			'{"topic-0":{"0":5,"1":0,"2":0,"3":0,"4":0}}',
			'{"topic-0":{"0":10,"1":0,"2":0,"3":0,"4":0}}',
			'{"topic-0":{"0":15,"1":0,"2":0,"3":0,"4":0}}'
		]);
	});

	it('kafka-trigger-once-ignores-max-offsets: each once run reads the whole backlog', () => {
		const b = new KafkaBroker();
		b.createTopic('topic-0', 3);
		b.send({ topic: 'topic-0', partition: 0, values: range(101, 100), timestampMs: 0 });
		b.send({ topic: 'topic-0', partition: 1, values: range(11, 10), timestampMs: 0 });
		b.send({ topic: 'topic-0', partition: 2, values: ['1'], timestampMs: 0 });
		const raw = { subscribe: 'topic-0', startingOffsets: 'earliest', maxOffsetsPerTrigger: '10' };
		const cp = { initialOffsets: null as PartitionOffsets | null };
		const first = kafka(b, raw, cp);
		const r1 = runToCompletion([first], 'once', [null]);
		expect(r1.batches).toHaveLength(1);
		expect(getBatch(first, r1.batches[0]?.starts[0], r1.batches[0]?.ends[0])).toHaveLength(113);
		expect(r1.warnings).toEqual([
			'The read limit MaxRows: 10 for KafkaV2[Subscribe[topic-0]] is ignored when Trigger.Once is used.'
		]);
		b.send({ topic: 'topic-0', values: range(11, 1000), timestampMs: 0 });
		const second = kafka(b, raw, cp);
		const r2 = runToCompletion([second], 'once', r1.committed);
		expect(r2.batches).toHaveLength(1);
		expect(
			getBatch(second, r2.batches[0]?.starts[0], r2.batches[0]?.ends[0])
				.map((r) => r.value)
				.sort()
		).toEqual(range(11, 1000));
	});

	it('the same backlog: once is one batch of 113, availableNow keeps maxOffsetsPerTrigger 40', () => {
		const fill = () => {
			const b = new KafkaBroker();
			b.createTopic('t', 3);
			b.send({ topic: 't', partition: 0, values: range(100), timestampMs: 0 });
			b.send({ topic: 't', partition: 1, values: range(50), timestampMs: 0 });
			b.send({ topic: 't', partition: 2, values: range(10), timestampMs: 0 });
			return kafka(b, { subscribe: 't', startingOffsets: 'earliest', maxOffsetsPerTrigger: '40' });
		};
		const sizes = (r: ReturnType<typeof runToCompletion>) =>
			r.batches.map((x) => {
				const s = x.starts[0] as PartitionOffsets;
				const e = x.ends[0] as PartitionOffsets;
				return [...e].map(([k, v]) => v - (s.get(k) ?? 0));
			});
		expect(sizes(runToCompletion([fill()], 'once', [null]))).toEqual([[100, 50, 10]]);
		// availableNow, limit 40, backlogs 100/50/10:
		//   b0 total 160: 25, 12.5→12, 2.5→2          left 75/38/8
		//   b1 total 121: 24.79→24, 12.56→12, 2.64→2  left 51/26/6
		//   b2 total  83: 24.57→24, 12.53→12, 2.89→2  left 27/14/4
		//   b3 total  45: 24, 12.44→12, 3.56→3        left 3/2/1
		//   b4 total   6: 20→3 (capped at end), 13.3→2, 6.67→1   left 0
		expect(sizes(runToCompletion([fill()], 'availableNow', [null]))).toEqual([
			[25, 12, 2],
			[24, 12, 2],
			[24, 12, 2],
			[24, 12, 3],
			[3, 2, 1]
		]);
	});

	it('availableNow does not read what arrives after it started', () => {
		const b = new KafkaBroker();
		b.createTopic('t', 1);
		b.send({ topic: 't', partition: 0, values: range(4), timestampMs: 0 });
		const source = kafka(b, {
			subscribe: 't',
			startingOffsets: 'earliest',
			maxOffsetsPerTrigger: '2'
		});
		const { limits } = setUpTrigger([source], 'availableNow');
		let committed: unknown[] = [null];
		const b0 = planTrigger([source], limits, committed);
		committed = [...b0.ends];
		b.send({ topic: 't', partition: 0, values: ['late'], timestampMs: 0 });
		const b1 = planTrigger([source], limits, committed);
		committed = [...b1.ends];
		const b2 = planTrigger([source], limits, committed);
		expect([b0.hasNewData, b1.hasNewData, b2.hasNewData]).toEqual([true, true, false]);
		expect(kafkaOffsetJson(b1.ends[0] as PartitionOffsets)).toBe('{"t":{"0":4}}');
	});

	it('writes the sources part of offsets/N, "-" for a source without an offset', () => {
		const b = new KafkaBroker();
		b.createTopic('t', 1);
		const k = kafka(b, { subscribe: 't', startingOffsets: 'earliest' });
		const plan = planTrigger([k], [k.getDefaultReadLimit()], [null]);
		expect(offsetLogSourceLines([k], plan.ends)).toEqual(['{"t":{"0":0}}']);
		expect(offsetLogSourceLines([k], [null])).toEqual(['-']);
	});
});

describe('rate and socket through the adapter', () => {
	it('rate: offsets are whole seconds, written as a bare number; availableNow reads up to the second at its start', () => {
		const clock = new ManualClock(2700);
		const adapter = new LongOffsetSourceAdapter(
			rateSource({ rowsPerSecond: 5, numPartitions: 2, creationMs: 0 as ProcTimeMs }),
			clock,
			true,
			'rate'
		);
		const r = runToCompletion([adapter], 'availableNow', [null]);
		expect(r.batches.map((x) => adapter.offsetJson(x.ends[0] as number))).toEqual(['2']);
		const rows = getBatch(adapter, 0, 2);
		expect(rows.map((x) => x.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(rows[1]?.timestamp).toBe(200_000);
	});

	it('socket: not replayable; lines typed before the trigger are read', () => {
		const lines = [
			{ id: 0, atMs: 100 as ProcTimeMs, text: 'apache spark' },
			{ id: 1, atMs: 900 as ProcTimeMs, text: 'apache hadoop' }
		];
		const clock = new ManualClock(500);
		const socket = new LongOffsetSourceAdapter(socketSource(lines), clock, false, 'socket');
		expect(socket.replayable).toBe(false);
		const plan = planTrigger([socket], [socket.getDefaultReadLimit()], [null]);
		expect(plan.ends).toEqual([0]);
		expect(getBatch(socket, -1, 0)).toEqual([{ value: 'apache spark' }]);
	});
});
