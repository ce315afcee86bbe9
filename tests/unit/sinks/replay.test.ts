/**
 * The same failure for every sink: batch 3 reaches the sink, then the query dies before
 * commits/3; the restart re-runs batch 3 with the same id and rows. Expected counts are worked
 * out by hand from each sink's rule (see simulations/sinks/*.ts):
 *   memory: write() skips batchId 3 <= latestBatchId 3 → every row of batch 3 counted once;
 *   file:   addBatch skips 3 <= _spark_metadata latest 3 → once, one log entry for batch 3;
 *   Kafka:  no batch check → every record of batch 3 sent twice (ledger 2, topic holds both);
 *   foreachBatch: called twice with id 3 → an appending function duplicates, one that
 *           overwrites by batch_id does not;
 *   foreach: open(0, 3) twice → processed twice unless open refuses a seen (partition, epoch);
 *   console: printed twice.
 */
import { describe, expect, it } from 'vitest';
import {
	ConsoleSink,
	FileStreamSink,
	ForeachBatchSink,
	ForeachSink,
	KafkaSink,
	MemorySink,
	type ForeachWriter,
	type SinkField,
	type SinkRow
} from '../../../simulations/sinks';
import { KafkaBroker } from '../../../simulations/sources/kafka/broker';
import { counts, runWithReplay } from './drive';

const SCHEMA: SinkField[] = [
	{ name: 'word', type: { kind: 'string' } },
	{ name: 'n', type: { kind: 'long' } }
];

/** Batch 3 holds the same row twice: the ledger tells the two copies apart. */
const BATCHES: SinkRow[][] = [
	[['a', 1]],
	[['b', 1]],
	[],
	[
		['c', 1],
		['d', 2],
		['c', 1]
	],
	[['e', 1]]
];

describe('a replay of batch 3 after a failure between the sink write and commits/3', () => {
	it('memory sink: the replay is skipped, each row of batch 3 counted once', () => {
		const sink = new MemorySink();
		const run = runWithReplay(sink, BATCHES, 3);
		expect(run.outcomes.map((o) => `${o.batchId}:${o.status}`)).toEqual([
			'0:written',
			'1:written',
			'2:written',
			'3:written',
			'3:skipped',
			'4:written'
		]);
		expect(run.outcomes[4]?.note).toBe('Skipping already committed batch: 3');
		expect(counts(sink, 3)).toEqual([1, 1, 1]);
		expect(sink.ledger.writes(3, ['c', 1], 0)).toBe(1);
		expect(sink.ledger.writes(3, ['c', 1], 1)).toBe(1);
		expect(sink.ledger.totals()).toEqual({ rows: 6, writes: 6, extraWrites: 0 });
		expect(sink.allData()).toEqual([
			['a', 1],
			['b', 1],
			['c', 1],
			['d', 2],
			['c', 1],
			['e', 1]
		]);
	});

	it('file sink: the replay is skipped by the metadata log, each row once', () => {
		const sink = new FileStreamSink({ path: '/out', format: 'parquet', schema: SCHEMA });
		const run = runWithReplay(sink, BATCHES, 3);
		expect(run.outcomes[4]).toMatchObject({
			batchId: 3,
			status: 'skipped',
			note: 'Skipping already committed batch 3'
		});
		expect(counts(sink, 3)).toEqual([1, 1, 1]);
		expect(sink.ledger.duplicates()).toEqual([]);
		expect(sink.readCommitted()).toEqual([
			['a', 1],
			['b', 1],
			['c', 1],
			['d', 2],
			['c', 1],
			['e', 1]
		]);
		// One file per batch (task 0 writes one even for the empty batch 2), one log file each.
		expect(sink.log.fileNames()).toEqual(['0', '1', '2', '3', '4']);
		expect(sink.filesOnDisk().length).toBe(5);
		expect(sink.orphanFiles()).toEqual([]);
	});

	it('Kafka sink: the replay sends batch 3 again, each of its rows counted twice', () => {
		const broker = new KafkaBroker();
		broker.createTopic('out', 1);
		const sink = new KafkaSink({
			broker,
			schema: SCHEMA.slice(0, 1).map((f) => ({ ...f, name: 'value' })),
			options: { topic: 'out' }
		});
		const rows = BATCHES.map((b) => b.map((r) => [r[0] ?? null]));
		const run = runWithReplay(sink, rows, 3);
		expect(run.outcomes.map((o) => o.status)).toEqual([
			'written',
			'written',
			'written',
			'written',
			'written',
			'written'
		]);
		expect(counts(sink, 3)).toEqual([2, 2, 2]);
		expect(sink.ledger.totals()).toEqual({ rows: 6, writes: 9, extraWrites: 3 });
		// Offsets 0..1 for batches 0-1, 2..4 for batch 3, 5..7 for its re-run, 8 for batch 4.
		const log = broker.records({ topic: 'out', partition: 0 }, 0, 100);
		expect(log.map((r) => `${r.offset}:${r.value}`)).toEqual([
			'0:a',
			'1:b',
			'2:c',
			'3:d',
			'4:c',
			'5:c',
			'6:d',
			'7:c',
			'8:e'
		]);
		expect(sink.produced.filter((p) => p.batchId === 3).map((p) => p.attempt)).toEqual([
			0, 0, 0, 1, 1, 1
		]);
	});

	it('foreachBatch: called twice with id 3; an appending function duplicates', () => {
		const target: SinkRow[] = [];
		const sink = new ForeachBatchSink((rows) => {
			target.push(...rows);
			return [{ kind: 'append', rows }];
		});
		runWithReplay(sink, BATCHES, 3);
		expect(sink.calledBatchIds()).toEqual([0, 1, 2, 3, 3, 4]);
		expect(sink.calls.filter((c) => c.batchId === 3).map((c) => c.attempt)).toEqual([1, 2]);
		expect(counts(sink, 3)).toEqual([2, 2, 2]);
		expect(target.length).toBe(1 + 1 + 0 + 3 + 3 + 1);
	});

	it('foreachBatch: a function idempotent by batch_id leaves each row once', () => {
		const byBatch = new Map<number, readonly SinkRow[]>();
		const sink = new ForeachBatchSink((rows, batchId) => {
			byBatch.set(batchId, rows); // overwrite what this batch id wrote before
			return [{ kind: 'overwrite', rows }];
		});
		runWithReplay(sink, BATCHES, 3);
		expect(sink.calledBatchIds()).toEqual([0, 1, 2, 3, 3, 4]);
		expect(counts(sink, 3)).toEqual([1, 1, 1]);
		expect(sink.ledger.totals().extraWrites).toBe(0);
		expect([...byBatch.values()].flat().length).toBe(6);
	});

	it('foreach: open(0, 3) runs twice; a writer that refuses a seen (partition, epoch) skips the replay', () => {
		const naive: SinkRow[] = [];
		const naiveSink = new ForeachSink({
			open: () => true,
			process: (r) => void naive.push(r),
			close: () => undefined
		});
		runWithReplay(naiveSink, BATCHES, 3);
		expect(counts(naiveSink, 3)).toEqual([2, 2, 2]);
		expect(naive.length).toBe(9);

		const seen = new Set<string>();
		const dedup: ForeachWriter = {
			open: (p, e) => {
				const k = `${p}/${e}`;
				if (seen.has(k)) return false;
				seen.add(k);
				return true;
			},
			process: () => undefined,
			close: () => undefined
		};
		const sink = new ForeachSink(dedup);
		runWithReplay(sink, BATCHES, 3);
		expect(counts(sink, 3)).toEqual([1, 1, 1]);
		const batch3 = sink.calls
			.filter((c) => c.epochId === 3)
			.map((c) => (c.call === 'open' ? `open:${c.result}` : c.call));
		expect(batch3).toEqual([
			'open:true',
			'process',
			'process',
			'process',
			'close',
			'open:false',
			'close'
		]);
	});

	it('console: the replay prints Batch: 3 again', () => {
		const sink = new ConsoleSink(SCHEMA);
		runWithReplay(sink, BATCHES, 3);
		expect(sink.printed.map((p) => p.batchId)).toEqual([0, 1, 2, 3, 3, 4]);
		expect(counts(sink, 3)).toEqual([2, 2, 2]);
		expect(sink.guarantee).toBe('not fault-tolerant');
	});
});
