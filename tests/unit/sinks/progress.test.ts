/** SinkProgress: V2 sinks count the rows their writers wrote, V1 sinks report -1. */
import { describe, expect, it } from 'vitest';
import {
	FileStreamSink,
	ForeachBatchSink,
	MemorySink,
	sinkProgress
} from '../../../simulations/sinks';

describe('sinkProgress', () => {
	it('memory (V2) counts rows, even on a replay its commit skips', () => {
		const sink = new MemorySink();
		const rows = [['a'], ['b']];
		sink.addBatch({ batchId: 0, rows, outputMode: 'append' });
		expect(sink.addBatch({ batchId: 0, rows, outputMode: 'append' }).status).toBe('skipped');
		expect(sinkProgress(sink, rows.length)).toEqual({
			description: 'MemorySink',
			numOutputRows: 2
		});
	});

	it('file and foreachBatch (V1) report -1', () => {
		const file = new FileStreamSink({ path: '/o', format: 'json', schema: [] });
		expect(sinkProgress(file, 5)).toEqual({ description: 'FileSink[/o]', numOutputRows: -1 });
		expect(sinkProgress(new ForeachBatchSink(() => []), 5)).toEqual({
			description: 'ForeachBatchSink',
			numOutputRows: -1
		});
	});
});
