/**
 * foreachBatch at sink level, from the conformance scenarios foreach-batch-stateless,
 * foreach-batch-update and foreach-batch-python-error (ForeachBatchSinkSuite and
 * test_streaming_foreach_batch.py), plus the ForeachWriter call protocol.
 */
import { describe, expect, it } from 'vitest';
import {
	ForeachBatchSink,
	ForeachSink,
	type ForeachWriter,
	type SinkRow
} from '../../../simulations/sinks';

describe('foreachBatch', () => {
	it('foreach-batch-stateless: recorded[batch_id] = df.selectExpr("value + 1").collect()', () => {
		// The query is mem.selectExpr("value + 1"): input 1,2,3 reaches the sink as 2,3,4.
		const recorded = new Map<number, SinkRow[]>();
		const sink = new ForeachBatchSink((rows, batchId) => {
			const out = rows.map((r) => [(r[0] as number) + 1]);
			recorded.set(batchId, out);
			return [{ kind: 'overwrite', rows: out }];
		});
		sink.addBatch({ batchId: 0, rows: [[2], [3], [4]], outputMode: 'append' });
		sink.addBatch({ batchId: 1, rows: [[6], [7], [8]], outputMode: 'append' });
		expect(recorded.get(0)).toEqual([[3], [4], [5]]);
		expect(recorded.get(1)).toEqual([[7], [8], [9]]);
	});

	it('foreach-batch-update: each call gets only the keys the batch changed', () => {
		// groupBy(value % 2).count() in update mode over inputs 0 | 1 | 2, 3.
		const recorded = new Map<number, readonly SinkRow[]>();
		const sink = new ForeachBatchSink((rows, batchId) => void recorded.set(batchId, rows));
		const batches: SinkRow[][] = [
			[[0, 1]],
			[[1, 1]],
			[
				[0, 2],
				[1, 2]
			]
		];
		batches.forEach((rows, batchId) => sink.addBatch({ batchId, rows, outputMode: 'update' }));
		expect([...recorded.entries()]).toEqual([
			[0, [[0, 1]]],
			[1, [[1, 1]]],
			[
				2,
				[
					[0, 2],
					[1, 2]
				]
			]
		]);
		expect(sink.calls.map((c) => c.numRows)).toEqual([1, 1, 2]);
	});

	it('foreach-batch-python-error: the exception fails the query as FOREACH_BATCH_USER_FUNCTION_ERROR', () => {
		const sink = new ForeachBatchSink(() => {
			throw new Error('this should fail the query');
		});
		const o = sink.addBatch({ batchId: 0, rows: [['hello'], ['this']], outputMode: 'append' });
		expect(o.status).toBe('failed');
		expect(o.error?.message).toBe(
			'[FOREACH_BATCH_USER_FUNCTION_ERROR] An error occurred in the user provided function in foreach batch sink. ' +
				'Reason: this should fail the query SQLSTATE: 39000'
		);
		expect(sink.calls).toEqual([
			{ batchId: 0, attempt: 1, numRows: 2, effects: [], error: 'this should fail the query' }
		]);
	});

	it('two targets: each counted apart, a replay appended to one and overwritten in the other', () => {
		// write_batch publishes the batch to a topic (append) and overwrites its table folder.
		const sink = new ForeachBatchSink((rows) => [
			{ kind: 'append', rows, target: 'topic' },
			{ kind: 'overwrite', rows, target: 'table' }
		]);
		const rows: SinkRow[] = [
			['d-1', 3],
			['d-2', 5]
		];
		sink.addBatch({ batchId: 2, rows, outputMode: 'update' });
		// The same rows in two places are two first deliveries, not a duplicate.
		expect(sink.ledger.totals()).toEqual({ rows: 4, writes: 4, extraWrites: 0 });
		sink.addBatch({ batchId: 2, rows, outputMode: 'update' });
		expect(sink.ledger.targets()).toEqual(['topic', 'table']);
		expect(sink.ledger.totals('topic')).toEqual({ rows: 2, writes: 4, extraWrites: 2 });
		expect(sink.ledger.totals('table')).toEqual({ rows: 2, writes: 2, extraWrites: 0 });
		expect(sink.ledger.writes(2, ['d-1', 3], 0, 'topic')).toBe(2);
		expect(sink.ledger.writes(2, ['d-1', 3], 0, 'table')).toBe(1);
		// The table's overwrite replaced its own rows only: the topic's copies stay.
		expect(sink.ledger.duplicates().map((e) => e.target)).toEqual(['topic', 'topic']);
	});

	it('is called for a no-data batch with no rows', () => {
		const sink = new ForeachBatchSink(() => []);
		sink.addBatch({ batchId: 4, rows: [], outputMode: 'append' });
		expect(sink.calls).toEqual([{ batchId: 4, attempt: 1, numRows: 0, effects: [] }]);
	});
});

describe('foreach', () => {
	const log = (): { writer: ForeachWriter; calls: string[] } => {
		const calls: string[] = [];
		return {
			calls,
			writer: {
				open: (p, e) => (calls.push(`open(${p},${e})`), p !== 1),
				process: (r) => void calls.push(`process(${String(r[0])})`),
				close: (err) => void calls.push(`close(${err})`)
			}
		};
	};

	it('open, process per row, close(null) per partition; open=false skips the partition but closes it', () => {
		const { writer, calls } = log();
		const sink = new ForeachSink(writer);
		const o = sink.addBatch({
			batchId: 7,
			rows: [['a'], ['b'], ['c']],
			outputMode: 'append',
			tasks: [[0], [1], [2]]
		});
		expect(calls).toEqual([
			'open(0,7)',
			'process(a)',
			'close(null)',
			'open(1,7)',
			'close(null)',
			'open(2,7)',
			'process(c)',
			'close(null)'
		]);
		expect(o.delivered).toEqual([0, 2]);
	});

	it('an exception in process closes with it and fails as FOREACH_USER_FUNCTION_ERROR', () => {
		const closed: (string | null)[] = [];
		const sink = new ForeachSink({
			open: () => true,
			process: (r) => {
				if (r[0] === 'bad') throw new Error('cannot write bad');
			},
			close: (e) => void closed.push(e)
		});
		const o = sink.addBatch({
			batchId: 0,
			rows: [['ok'], ['bad'], ['never']],
			outputMode: 'append'
		});
		expect(o.error?.message).toBe(
			'[FOREACH_USER_FUNCTION_ERROR] An error occurred in the user provided function in foreach sink. Reason: cannot write bad SQLSTATE: 39000'
		);
		expect(o.delivered).toEqual([0]);
		expect(closed).toEqual(['cannot write bad']);
	});

	it('an aborted task closes with "Foreach writer has been aborted due to a task failure."', () => {
		const { writer, calls } = log();
		const sink = new ForeachSink(writer);
		sink.addBatch({
			batchId: 2,
			rows: [['a'], ['b']],
			outputMode: 'append',
			tasks: [[0], [1]],
			fault: { afterTasks: 1 }
		});
		expect(calls.at(-1)).toBe('close(Foreach writer has been aborted due to a task failure.)');
	});
});
