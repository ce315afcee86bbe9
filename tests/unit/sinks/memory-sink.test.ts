/** MemorySink.write per output mode, and clear() (FORMAT-ADDITIONS' clearSink). */
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../../simulations/sinks';

describe('memory sink', () => {
	it('complete mode truncates: the table is the latest batch only', () => {
		const sink = new MemorySink();
		sink.addBatch({ batchId: 0, rows: [['a', 1]], outputMode: 'complete' });
		sink.addBatch({
			batchId: 1,
			rows: [
				['a', 2],
				['b', 1]
			],
			outputMode: 'complete'
		});
		expect(sink.allData()).toEqual([
			['a', 2],
			['b', 1]
		]);
		expect(sink.storedBatchIds()).toEqual([1]);
		expect(sink.ledger.totals()).toEqual({ rows: 2, writes: 2, extraWrites: 0 });
	});

	it('update mode appends (update-as-append): an updated key appears once per batch', () => {
		const sink = new MemorySink();
		sink.addBatch({ batchId: 0, rows: [['a', 1]], outputMode: 'update' });
		sink.addBatch({ batchId: 1, rows: [['a', 2]], outputMode: 'update' });
		expect(sink.allData()).toEqual([
			['a', 1],
			['a', 2]
		]);
		expect(sink.dataSinceBatch(0)).toEqual([['a', 2]]);
		expect(sink.latestBatchData()).toEqual([['a', 2]]);
	});

	it('skips a batch id at or below the latest, and a failed job adds nothing', () => {
		const sink = new MemorySink();
		sink.addBatch({ batchId: 5, rows: [['x']], outputMode: 'append' });
		expect(sink.addBatch({ batchId: 4, rows: [['y']], outputMode: 'append' }).status).toBe(
			'skipped'
		);
		expect(
			sink.addBatch({ batchId: 6, rows: [['z']], outputMode: 'append', fault: { afterTasks: 0 } })
				.status
		).toBe('failed');
		expect(sink.allData()).toEqual([['x']]);
		expect(sink.latestBatchId).toBe(5);
	});

	it('clear() forgets the batch ids too: a replayed id is written again', () => {
		const sink = new MemorySink();
		sink.addBatch({ batchId: 3, rows: [['c']], outputMode: 'append' });
		sink.clear();
		expect(sink.latestBatchId).toBeNull();
		expect(sink.addBatch({ batchId: 3, rows: [['c']], outputMode: 'append' }).status).toBe(
			'written'
		);
		expect(sink.allData()).toEqual([['c']]);
		expect(sink.ledger.writes(3, ['c'])).toBe(1);
	});
});
