// The Python data source protocol: the program's own classes called in Spark's order, per batch,
// with the offsets it returns logged, and a crash replayed from offsets/N. Call sequences below
// are written out by hand from MicroBatchExecution's order (constructNextBatch, runBatch).
import { describe, expect, it } from 'vitest';
import {
	runProtocol,
	type ProtocolRun,
	type ProtocolWorld
} from '../../../simulations/structured/datasource/protocol';

/** A counter source: 10 rows a second, one partition per 10 rows; a writer that appends. */
const PROGRAM = (read: string, mode = '"w"') => `
import json
import random
import time
from dataclasses import dataclass
from pyspark.sql import SparkSession
from pyspark.sql.datasource import DataSource, DataSourceStreamReader, DataSourceStreamWriter, InputPartition, WriterCommitMessage

@dataclass
class Span(InputPartition):
    lo: int
    hi: int

@dataclass
class Done(WriterCommitMessage):
    n: int

class Reader(DataSourceStreamReader):
    def initialOffset(self):
        return {"at": 0}
    def latestOffset(self):
        return {"at": int(time.time() * 10)}
    def partitions(self, start, end):
        return [Span(lo, min(lo + 10, end["at"])) for lo in range(start["at"], end["at"], 10)]
    def read(self, p):
        for i in range(p.lo, p.hi):
            yield (i, ${read})

class Writer(DataSourceStreamWriter):
    def write(self, rows):
        return Done(sum(1 for _ in rows))
    def commit(self, messages, batchId):
        with open(f"out/{batchId}.json", ${mode}) as f:
            f.write(json.dumps({"batch": batchId, "n": sum(m.n for m in messages)}) + "\\n")

class Counter(DataSource):
    @classmethod
    def name(cls):
        return "counter"
    def schema(self):
        return "i INT, v DOUBLE"
    def streamReader(self, schema):
        return Reader()
    def streamWriter(self, schema, overwrite):
        return Writer()

spark = SparkSession.builder.getOrCreate()
spark.dataSource.register(Counter)
q = spark.readStream.format("counter").load().writeStream.format("counter").trigger(processingTime="1 second").start()
`;

const NO_CRASH: ProtocolWorld = {
	failAtBatch: null,
	failurePhase: 'afterSinkBeforeCommit',
	downMs: 1000,
	runMs: 2000
};

function run(code: string, world: ProtocolWorld = NO_CRASH, seed = 1): ProtocolRun {
	const r = runProtocol(code, world, seed);
	if (!r.ok) throw new Error(`${r.error.line}: ${r.error.message}`);
	return r.value;
}

const sequence = (r: ProtocolRun, batchId: number, attempt = 0) =>
	r.calls
		.filter((c) => c.batchId === batchId && c.attempt === attempt)
		.map((c) =>
			c.side === 'checkpoint' || c.side === 'query' ? c.method : `${c.call} -> ${c.result}`
		);

describe('Python data source protocol', () => {
	it('starts the query: the source with its options, its schema, a reader and a writer', () => {
		expect(sequence(run(PROGRAM('float(i)')), -1)).toEqual([
			'Counter(options) -> Counter(options={})',
			"schema() -> 'i INT, v DOUBLE'",
			"streamReader('i INT, v DOUBLE') -> Reader()",
			"streamWriter('i INT, v DOUBLE', False) -> Writer()"
		]);
	});

	it('batch 0 of a new query runs even on an empty range, its start asked after offsets/0; batch N commits N-1 after offsets/N', () => {
		const r = run(PROGRAM('float(i)'));
		expect(sequence(r, 0)).toEqual([
			'latestOffset() -> {"at": 0}',
			'offsets/0',
			'initialOffset() -> {"at": 0}',
			'partitions({"at": 0}, {"at": 0}) -> []',
			'writer.commit([], 0) -> None',
			'commits/0'
		]);
		// At 1 s: 10 rows, one partition of 10; at 2 s the next 10.
		expect(sequence(r, 1)).toEqual([
			'latestOffset() -> {"at": 10}',
			'offsets/1',
			'reader.commit({"at": 0}) -> None',
			'partitions({"at": 0}, {"at": 10}) -> [Span(lo=0, hi=10)]',
			'read(Span(lo=0, hi=10)) -> [(0, 0.0), (1, 1.0), (2, 2.0), (3, 3.0), (4, 4.0), (5, 5.0), (6, 6.0), (7, 7.0), (8, 8.0), (9, 9.0)]',
			'write(iterator of 10 rows) -> Done(n=10)',
			'writer.commit([Done(n=10)], 1) -> None',
			'commits/1'
		]);
		expect(r.batches.map((b) => [b.batchId, b.start, b.end, b.rows])).toEqual([
			[0, '{"at": 0}', '{"at": 0}', 0],
			[1, '{"at": 0}', '{"at": 10}', 10],
			[2, '{"at": 10}', '{"at": 20}', 10]
		]);
		expect(r.batches[1]?.offsetLog.split('\n')[2]).toBe('{"at": 10}');
	});

	it('a crash after the sink commit replays the batch from offsets/N: same range, no latestOffset', () => {
		const r = run(PROGRAM('float(i)'), { ...NO_CRASH, failAtBatch: 1, runMs: 3000 });
		expect(sequence(r, 1, 1)).toEqual([
			'restart',
			'Counter(options) -> Counter(options={})',
			"schema() -> 'i INT, v DOUBLE'",
			"streamReader('i INT, v DOUBLE') -> Reader()",
			"streamWriter('i INT, v DOUBLE', False) -> Writer()",
			'partitions({"at": 0}, {"at": 10}) -> [Span(lo=0, hi=10)]',
			'read(Span(lo=0, hi=10)) -> [(0, 0.0), (1, 1.0), (2, 2.0), (3, 3.0), (4, 4.0), (5, 5.0), (6, 6.0), (7, 7.0), (8, 8.0), (9, 9.0)]',
			'write(iterator of 10 rows) -> Done(n=10)',
			'writer.commit([Done(n=10)], 1) -> None',
			'commits/1'
		]);
		expect(r.crashes).toEqual([{ atMs: 1000, batchId: 1, phase: 'afterSinkBeforeCommit' }]);
		expect(r.restarts).toEqual([{ stopMs: 1000, startMs: 2000 }]);
		const replay = r.batches.find((b) => b.attempt === 1);
		expect(replay?.differingRows).toBe(0);
		// "w": the replay rewrote out/1.json with the same line.
		expect(replay?.rewritten).toEqual([
			{ path: 'out/1.json', before: '{"batch": 1, "n": 10}\n', after: '{"batch": 1, "n": 10}\n' }
		]);
		// After the replay, batch 2 asks latestOffset again, from the end batch 1 logged.
		expect(sequence(r, 2)[0]).toBe('latestOffset() -> {"at": 30}');
		expect(r.batches.at(-1)?.start).toBe('{"at": 10}');
	});

	it('a random read makes the replay read other rows, counted; an appending commit doubles the batch', () => {
		const world = { ...NO_CRASH, failAtBatch: 1, runMs: 2000 };
		const random = run(PROGRAM('random.random()'), world);
		expect(random.batches.find((b) => b.attempt === 1)?.differingRows).toBe(10);
		const append = run(PROGRAM('float(i)', '"a"'), world);
		expect(append.batches.at(-1)?.files['out/1.json']).toBe(
			'{"batch": 1, "n": 10}\n{"batch": 1, "n": 10}\n'
		);
	});

	it('a crash right after offsets/N reads nothing before it, and the replay reads the logged range', () => {
		const r = run(PROGRAM('float(i)'), {
			...NO_CRASH,
			failAtBatch: 1,
			failurePhase: 'afterOffsetLog'
		});
		expect(sequence(r, 1)).toEqual([
			'latestOffset() -> {"at": 10}',
			'offsets/1',
			'reader.commit({"at": 0}) -> None',
			'crash'
		]);
		expect(sequence(r, 1, 1).filter((s) => s.startsWith('partitions'))).toEqual([
			'partitions({"at": 0}, {"at": 10}) -> [Span(lo=0, hi=10)]'
		]);
	});

	it('is deterministic: the same program, world and seed give the same calls', () => {
		const a = run(PROGRAM('random.random()'), { ...NO_CRASH, failAtBatch: 1 }, 7);
		const b = run(PROGRAM('random.random()'), { ...NO_CRASH, failAtBatch: 1 }, 7);
		expect(b.calls).toEqual(a.calls);
	});

	it('an unregistered format and a Python error in a method are located messages', () => {
		const unknown = runProtocol(
			PROGRAM('float(i)').replace('format("counter").load', 'format("nope").load'),
			NO_CRASH,
			1
		);
		expect(unknown.ok).toBe(false);
		if (!unknown.ok) expect(unknown.error.message).toContain('[DATA_SOURCE_NOT_FOUND]');
		const broken = run(PROGRAM('1 / (i - 5)'));
		expect(broken.failure?.error.message).toContain('ZeroDivisionError');
		// The `yield` line of read(), where 1 / 0 was evaluated.
		expect(broken.failure?.error.line).toBe(27);
	});
});
