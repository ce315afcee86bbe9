/**
 * The file sink at sink level. The batches come from the conformance scenario
 * file-sink-window-append (FileStreamSinkSuite "writing with aggregation"), worked out by hand:
 * a 5-second windowed count with a 10-second watermark, append mode, data 100 | 104, 123 | 140:
 *   batch 0 (data 100, wm 0)        → nothing; watermark becomes 90
 *   batch 1 (no-data, wm 90)        → nothing ([100,105) ends after 90)
 *   batch 2 (data 104, 123, wm 90)  → nothing; watermark becomes 113
 *   batch 3 (no-data, wm 113)       → [100, 105, 2]  (105 <= 113)
 *   batch 4 (data 140, wm 113)      → nothing; watermark becomes 130
 *   batch 5 (no-data, wm 130)       → [120, 125, 1]  (125 <= 130)
 * A reader of the output path sees the rows of committed batches only.
 */
import { describe, expect, it } from 'vitest';
import { FileStreamSink, type SinkField, type SinkRow } from '../../../simulations/sinks';

const SCHEMA: SinkField[] = [
	{ name: 'start', type: { kind: 'long' } },
	{ name: 'end', type: { kind: 'long' } },
	{ name: 'count', type: { kind: 'long' } }
];
const WINDOW_BATCHES: SinkRow[][] = [[], [], [], [[100, 105, 2]], [], [[120, 125, 1]]];

const sinkAt = (path = '/tmp/fs/out', compactInterval?: number): FileStreamSink =>
	new FileStreamSink({
		path,
		format: 'parquet',
		schema: SCHEMA,
		...(compactInterval ? { compactInterval } : {})
	});

describe('file sink, file-sink-window-append batches', () => {
	it('the committed output after each check step', () => {
		const sink = sinkAt();
		const seen: SinkRow[][] = [];
		WINDOW_BATCHES.forEach((rows, batchId) => {
			sink.addBatch({ batchId, rows, outputMode: 'append', nowMs: batchId * 1000 });
			if (batchId === 1 || batchId === 3 || batchId === 5) seen.push(sink.readCommitted());
		});
		expect(seen).toEqual([
			[],
			[[100, 105, 2]],
			[
				[100, 105, 2],
				[120, 125, 1]
			]
		]);
		// Every batch, no-data ones included, has its log file and exactly one (task 0) file.
		expect(sink.log.fileNames()).toEqual(['0', '1', '2', '3', '4', '5']);
		for (let b = 0; b < 6; b++) expect(sink.log.filesOf(b).length).toBe(1);
	});

	it('a log file is v1 then one SinkFileStatus JSON line per file', () => {
		const sink = sinkAt();
		sink.addBatch({ batchId: 0, rows: [[100, 105, 2]], outputMode: 'append', nowMs: 7000 });
		const [v, line, more] = (sink.log.fileText(0) ?? '').split('\n');
		expect(v).toBe('v1');
		expect(more).toBeUndefined();
		const status = JSON.parse(line ?? '{}');
		expect(Object.keys(status)).toEqual([
			'path',
			'size',
			'isDir',
			'modificationTime',
			'blockReplication',
			'blockSize',
			'action'
		]);
		expect(status.path).toMatch(
			/^file:\/tmp\/fs\/out\/part-00000-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}-c000\.snappy\.parquet$/
		);
		// {"start":100,"end":105,"count":2} + newline = 34 bytes.
		expect(status).toMatchObject({ size: 34, isDir: false, modificationTime: 7000, action: 'add' });
	});

	it('compacts every 10 batches: 9.compact lists batches 0-9, 10 only its own', () => {
		const sink = sinkAt();
		for (let b = 0; b <= 10; b++)
			sink.addBatch({ batchId: b, rows: [[b, b, 1]], outputMode: 'append' });
		expect(sink.log.fileNames().slice(8)).toEqual(['8', '9.compact', '10']);
		expect((sink.log.fileText(9) ?? '').split('\n').length).toBe(1 + 10);
		expect((sink.log.fileText(10) ?? '').split('\n').length).toBe(1 + 1);
	});

	it('an empty task other than task 0 writes no file', () => {
		const sink = sinkAt();
		sink.addBatch({ batchId: 0, rows: [[1, 2, 3]], outputMode: 'append', tasks: [[], [0], []] });
		expect(sink.filesOnDisk().map((f) => f.file.task)).toEqual([0, 1]);
	});
});

describe('file sink failures', () => {
	const rows: SinkRow[] = [
		[1, 2, 1],
		[3, 4, 1]
	];
	const tasks = [[0], [1]];

	it('a job failing after task 0 is aborted: its file is deleted, nothing is committed; the retry writes once', () => {
		const sink = sinkAt();
		const failed = sink.addBatch({
			batchId: 0,
			rows,
			outputMode: 'append',
			tasks,
			fault: { afterTasks: 1 }
		});
		expect(failed.status).toBe('failed');
		expect(sink.filesOnDisk()).toEqual([]);
		expect(sink.readCommitted()).toEqual([]);
		const retry = sink.addBatch({ batchId: 0, rows, outputMode: 'append', tasks });
		expect(retry.status).toBe('written');
		expect(sink.readCommitted()).toEqual(rows);
		expect(sink.ledger.duplicates()).toEqual([]);
	});

	it('a driver dying mid-job leaves an orphan file no reader sees', () => {
		const sink = sinkAt();
		sink.addBatch({
			batchId: 0,
			rows,
			outputMode: 'append',
			tasks,
			fault: { afterTasks: 1, driverDies: true }
		});
		expect(sink.orphanFiles().map((f) => f.rows)).toEqual([[[1, 2, 1]]]);
		sink.addBatch({ batchId: 0, rows, outputMode: 'append', tasks });
		// The retry's files have new names (attempt 1); the orphan stays, unread.
		expect(sink.filesOnDisk().length).toBe(3);
		expect(sink.orphanFiles().length).toBe(1);
		expect(sink.readCommitted()).toEqual(rows);
		expect(sink.ledger.writes(0, [1, 2, 1])).toBe(1);
	});
});
