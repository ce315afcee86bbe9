/** sinkView after the batch-3 replay of replay.test.ts: the Kafka topic shows batch 3 twice. */
import { describe, expect, it } from 'vitest';
import { FileStreamSink, KafkaSink, sinkView, type SinkRow } from '../../../simulations/sinks';
import { KafkaBroker } from '../../../simulations/sources/kafka/broker';
import { runWithReplay } from './drive';

const BATCHES: SinkRow[][] = [[['a']], [['b']], [], [['c'], ['d']]];

describe('sinkView', () => {
	it('file sink: committed rows once, no duplicates, exactly-once', () => {
		const sink = new FileStreamSink({
			path: '/o',
			format: 'json',
			schema: [{ name: 'value', type: { kind: 'string' } }]
		});
		runWithReplay(sink, BATCHES, 3);
		const v = sinkView(sink);
		expect(v.visible).toEqual([['a'], ['b'], ['c'], ['d']]);
		expect(v.duplicates).toBe(0);
		expect(v.guarantee).toBe('exactly-once');
	});

	it('Kafka sink: the records of batch 3 twice, 2 duplicates, at-least-once', () => {
		const broker = new KafkaBroker();
		broker.createTopic('t', 1);
		const sink = new KafkaSink({
			broker,
			schema: [{ name: 'value', type: { kind: 'string' } }],
			options: { topic: 't' }
		});
		runWithReplay(sink, BATCHES, 3);
		const v = sinkView(sink);
		expect(v.visible.map((r) => `${r[1]}@${r[4]}`)).toEqual([
			'a@0',
			'b@1',
			'c@2',
			'd@3',
			'c@4',
			'd@5'
		]);
		expect(v.deliveries.filter((d) => d.batchId === 3).map((d) => d.writes)).toEqual([2, 2]);
		expect(v.duplicates).toBe(2);
		expect(v.guarantee).toBe('at-least-once');
	});
});
