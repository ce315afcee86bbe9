import { describe, expect, it } from 'vitest';
import { createRng } from '../../../simulations/core/rng';
import { type ContinuousConfig } from '../../../simulations/microbatch/continuous';
import { traceOf, continuousOf } from './queries';
import {
	effectiveRowsPerSecond,
	readTimeIncrementMs
} from '../../../simulations/microbatch/continuous-rate-reader';

// 100 rows/s over 2 partitions: each partition's reader sleeps 20 ms, rows share their due times.
//   query start 627 (seed 1) = stream creation; epoch thread 777; epochs on the 1 s grid
//   p0 task 877, p1 task 929 (seeded poll phases); each polls the driver every 100 ms
//   time   627 777 877 929 1000 1029 1077        2000 2029 2077
//   driver  0   1               2                 3
//   p0              |e0 ends          |e1 ends             |e2 ends
//   p1                  |e0 ends |e1 ends             |e2 ends
const BASE: ContinuousConfig = {
	rowsPerSecond: 100,
	numPartitions: 2,
	epochIntervalMs: 1000,
	cores: 2,
	perRowCostUs: 50,
	untilMs: 6000,
	seed: 1
};

describe('continuous rate reader', () => {
	it('readTimeIncrementMs truncates like Scala .toLong, so the source can run faster than asked', () => {
		expect(readTimeIncrementMs(100, 2)).toBe(20);
		expect(readTimeIncrementMs(300, 2)).toBe(6);
		expect(effectiveRowsPerSecond(300, 2)).toBeCloseTo(333.333, 3);
		expect(readTimeIncrementMs(1, 2)).toBe(2000);
	});
});

describe('continuousOf(100 rows/s, 2 partitions, continuous="1 second")', () => {
	const t = continuousOf(BASE);

	it('starts with the same seeded phase as the micro-batch engine, tasks after planning and launch', () => {
		expect(t.queryStartMs).toBe(createRng(1).int(1000));
		expect(t.queryStartMs).toBe(627);
		expect(t.lanes.map((l) => l.taskStartMs)).toEqual([[877], [929]]);
	});

	it('the driver increments the epoch at once, then on the interval grid', () => {
		expect(t.boundaries.map((b) => [b.epoch, b.atMs])).toEqual([
			[1, 777],
			[2, 1000],
			[3, 2000],
			[4, 3000],
			[5, 4000],
			[6, 5000],
			[7, 6000]
		]);
	});

	it('epoch 0 ends at each task’s first poll with the initial offsets (p − n, creation) and no rows', () => {
		const e0 = t.epochs[0]!;
		expect(
			e0.ends.map((x) => [x.partition, x.atMs, x.offset.value, x.offset.runTimeMs, x.rows])
		).toEqual([
			[0, 877, -2, 627, 0],
			[1, 929, -1, 627, 0]
		]);
		expect(e0.commitMs).toBe(939);
	});

	it('a partition ends epoch N at its first poll after the boundary, with its last row’s offset', () => {
		const ends = (e: number) =>
			t.epochs[e]!.ends.map((x) => [x.atMs, x.offset.value, x.offset.runTimeMs, x.rows]);
		// p0 polls at 977 (driver still at 1), 1077 (2): rows due ≤ 1077 are 647…1067 = 22 rows.
		expect(ends(1)).toEqual([
			[1077, 42, 1067, 22],
			[1029, 39, 1027, 20]
		]);
		expect(ends(2)).toEqual([
			[2077, 142, 2067, 50],
			[2029, 139, 2027, 50]
		]);
		expect(t.epochs.slice(1, 6).map((e) => [e.offsetsLoggedMs, e.commitMs])).toEqual([
			[1077, 1087],
			[2077, 2087],
			[3077, 3087],
			[4077, 4087],
			[5077, 5087]
		]);
	});

	it('rows due before the task started are read in a burst; afterwards each waits only its 50 µs', () => {
		const p1 = t.lanes[1]!.rows;
		expect(p1[0]).toMatchObject({ value: 1, createdMs: 647, epoch: 1 });
		expect(p1[0]!.processedMs).toBeCloseTo(929.05, 6);
		expect(p1[20]).toMatchObject({ value: 41, createdMs: 1047, epoch: 2 });
		expect(p1[20]!.processedMs - p1[20]!.createdMs).toBeCloseTo(0.05, 6);
		expect(t.latency.processing!.max).toBeCloseTo(282.05, 6);
		expect(t.latency.processing!.p50).toBeCloseTo(0.05, 6);
	});

	it('the console sink publishes each epoch at its commit, so its latency is the epoch wait', () => {
		const row = t.lanes[0]!.rows.find((r) => r.createdMs === 1087)!;
		expect(row.epoch).toBe(2);
		const sink = t.latency.sink!;
		expect(sink.max).toBe(2087 - 1047); // p1's first row of epoch 2 waits for 2087
		expect(sink.count).toBe(
			t.epochs.filter((e) => e.commitMs !== null).reduce((s, e) => s + e.rows, 0)
		);
	});

	it('the micro-batch contrast is SIM-1’s own engine on the same rate, partitions and cost', () => {
		const mb = traceOf({
			source: { kind: 'rate', rowsPerSecond: 100, numPartitions: 2, numPartitionsOption: true },
			trigger: { kind: 'processingTime', intervalMs: 1000 },
			cost: { fixedOverheadMs: 300, perRowCostUs: 50, numPartitions: 2, cores: 2 },
			untilMs: 6000,
			seed: 1
		});
		const maxOf = Math.max(...mb.batches.map((b) => b.latencyMs?.max ?? 0));
		expect(t.latency.microBatch.batches).toBe(mb.batches.length);
		expect(t.latency.microBatch.latency!.max).toBe(maxOf);
		expect(t.latency.microBatch.latency!.mean).toBeGreaterThan(1000 * t.latency.processing!.p50);
	});

	it('is deterministic: the same seed and parameters give a byte-identical trace', () => {
		expect(JSON.stringify(continuousOf(BASE))).toBe(JSON.stringify(t));
	});
});

describe('buildContinuousTrace with a failure at 3.5 s and a restart 2 s later', () => {
	const kafka = continuousOf({
		...BASE,
		untilMs: 10_000,
		failureAtMs: 3500,
		restartAfterMs: 2000,
		sink: 'kafka'
	});

	it('restarts from the last committed epoch’s offsets, as the next epoch', () => {
		expect(kafka.failure).toMatchObject({ atMs: 3500, lastCommittedEpoch: 3, restartMs: 5500 });
		expect(kafka.failure!.message).toContain('Continuous execution does not support task retry');
		expect(kafka.runs.map((r) => [r.run, r.startMs, r.firstEpoch, r.stoppedBy])).toEqual([
			[0, 627, 0, 'failure'],
			[1, 5500, 4, 'end']
		]);
		expect(kafka.runs[1]!.startOffsets).toEqual([
			{ value: 242, runTimeMs: 3067 },
			{ value: 239, runTimeMs: 3027 }
		]);
		// The failed run was inside epoch 4 (no partition had ended it); the restarted run reuses
		// the number and commits its own epoch 4.
		expect(kafka.lanes[0]!.rows.some((r) => r.run === 0 && r.epoch === 4)).toBe(true);
		const fours = kafka.epochs.filter((e) => e.epoch === 4);
		expect(fours.map((e) => [e.run, e.commitMs === null])).toEqual([[1, false]]);
	});

	it('processes the rows after the committed offsets twice: at-least-once', () => {
		// p0: rows due 3087…3487 (21), p1: 3047…3487 (23) were processed before the failure.
		expect(kafka.failure!.reprocessedRows).toBe(44);
		expect(kafka.failure!.duplicatesInSink).toBe(44);
		const replays = kafka.lanes.flatMap((l) => l.rows.filter((r) => r.replay));
		expect(replays).toHaveLength(44);
		expect(replays.every((r) => r.run === 1 && r.createdMs > 3000 && r.createdMs < 3500)).toBe(
			true
		);
	});

	it('a console sink had not printed those rows (it prints at commit), so it shows no duplicates', () => {
		const console = continuousOf({
			...BASE,
			untilMs: 10_000,
			failureAtMs: 3500,
			restartAfterMs: 2000
		});
		expect(console.failure!.reprocessedRows).toBe(44);
		expect(console.failure!.duplicatesInSink).toBe(0);
	});

	it('a failure before epoch 0 commits restarts from scratch: a new stream, values from 0 again', () => {
		// At 900 ms only p0 (task at 877) has run: its 12-row burst and the row due 887.
		const early = continuousOf({
			...BASE,
			untilMs: 6000,
			failureAtMs: 900,
			restartAfterMs: 1000
		});
		expect(early.failure).toMatchObject({
			lastCommittedEpoch: null,
			restartMs: 1900,
			reprocessedRows: 13
		});
		expect(early.runs[1]).toMatchObject({
			firstEpoch: 0,
			startOffsets: [
				{ value: -2, runTimeMs: 1900 },
				{ value: -1, runTimeMs: 1900 }
			]
		});
	});

	it('a failure outside the run is not injected, and says so', () => {
		const none = continuousOf({ ...BASE, failureAtMs: 100 });
		expect(none.failure).toBeNull();
		expect(none.notices[0]).toContain('none injected');
	});

	it('without a restart the trace ends with the failure', () => {
		const stopped = continuousOf({ ...BASE, failureAtMs: 3500, restartAfterMs: null });
		expect(stopped.runs).toHaveLength(1);
		expect(stopped.failure).toMatchObject({ restartMs: null, reprocessedRows: 0 });
	});
});

describe('buildContinuousTrace when a task cannot keep up', () => {
	it('10 ms per row against a row every 5 ms: latency grows and epochs end late', () => {
		const t = continuousOf({
			...BASE,
			rowsPerSecond: 400,
			perRowCostUs: 10_000,
			untilMs: 8000
		});
		const rows = t.lanes[0]!.rows;
		const lag = (r: (typeof rows)[number]) => r.processedMs - r.createdMs;
		expect(lag(rows.at(-1)!)).toBeGreaterThan(lag(rows[Math.floor(rows.length / 2)]!));
		// Half the rows get done: about 100 per second instead of 200.
		expect(rows.length).toBeGreaterThan(650);
		expect(rows.length).toBeLessThan(800);
		// The marker queues behind rows already read, so partitions end epochs long after the boundary.
		const e3 = t.epochs.find((e) => e.epoch === 3)!;
		expect(e3.ends.every((x) => x.atMs - e3.startMs > 1000)).toBe(true);
	});
});

describe('buildContinuousTrace with fewer cores than partitions', () => {
	it('4 partitions on 2 cores: two tasks never start and no epoch ever commits', () => {
		const t = continuousOf({ ...BASE, numPartitions: 4, untilMs: 10_000 });
		expect(t.stall).toMatchObject({
			runningTasks: 2,
			waitingPartitions: [2, 3],
			backlogStopMs: null
		});
		expect(t.stall!.message).toContain('at least 4 cores');
		expect(t.lanes.map((l) => l.taskStartMs[0] === null)).toEqual([false, false, true, true]);
		expect(t.lanes[2]!.rows).toHaveLength(0);
		expect(t.lanes[0]!.rows.length).toBeGreaterThan(0);
		expect(t.epochs.every((e) => e.commitMs === null && e.offsetsLoggedMs === null)).toBe(true);
		expect(t.latency.sink).toBeNull();
	});

	it('the coordinator stops the query once uncommitted reports pass epochBacklogQueueSize', () => {
		// 15 running tasks report one offset per epoch: 15 × 667 > 10000 after epoch 666 ends, at
		// the poll after epoch 667 starts (800 + 665 × 100 on the 100 ms grid) + 100.
		const t = continuousOf({
			...BASE,
			numPartitions: 16,
			cores: 15,
			epochIntervalMs: 100,
			untilMs: 90_000
		});
		expect(t.stall!.backlogStopMs).toBe(67_400);
		expect(t.runs[0]!.stoppedBy).toBe('backlog');
		expect(t.notices.join(' ')).toContain(
			'Size of the partition offset queue has exceeded its maximum'
		);
	});
});

describe('buildContinuousTrace clamps bad input with a visible reason', () => {
	it('rowsPerSecond 0 becomes 1; NaN cores become 1', () => {
		const t = continuousOf({ ...BASE, rowsPerSecond: 0, cores: Number.NaN });
		expect(t.config.rowsPerSecond).toBe(1);
		expect(t.config.cores).toBe(1);
		expect(t.notices.length).toBe(2);
	});

	it('above 1000 rows/s per partition the reader would not sleep at all: capped, and said why', () => {
		const t = continuousOf({ ...BASE, rowsPerSecond: 5000, untilMs: 2000 });
		expect(t.config.rowsPerSecond).toBe(2000);
		expect(t.readTimeIncrementMs).toBe(1);
		expect(t.notices[0]).toContain('(1000 / rate).toLong = 0 ms');
	});

	it('an epoch interval under the executors’ 100 ms poll is raised to 100 ms', () => {
		const t = continuousOf({ ...BASE, epochIntervalMs: 10 });
		expect(t.config.epochIntervalMs).toBe(100);
		expect(t.notices[0]).toContain('100 ms');
	});
});

describe('buildContinuousTrace invariants over seeded parameter draws', () => {
	// Fixed seeds in CI; each draw mixes rates, partitions, cores, epochs, costs and failures.
	for (const seed of [1, 2, 3, 5, 8, 13, 21, 34]) {
		it(`seed ${seed}: epochs commit in order after every partition ended them; tasks run in order`, () => {
			const r = createRng(seed * 7919);
			const numPartitions = 1 + r.int(6);
			const t = continuousOf({
				rowsPerSecond: [1, 7, 100, 999, 3000][r.int(5)]!,
				numPartitions,
				epochIntervalMs: [100, 250, 1000, 2500][r.int(4)]!,
				cores: 1 + r.int(numPartitions + 1),
				perRowCostUs: [0, 50, 900, 4000][r.int(4)]!,
				untilMs: 4000 + r.int(8000),
				seed,
				failureAtMs: r.next() < 0.5 ? 1000 + r.int(4000) : null,
				restartAfterMs: r.int(3000),
				sink: (['console', 'memory', 'kafka', 'foreach'] as const)[r.int(4)]!
			});
			let last = -Infinity;
			for (const e of t.epochs.filter((x) => x.commitMs !== null)) {
				expect(e.commitMs!).toBeGreaterThan(last);
				expect(e.ends).toHaveLength(t.config.numPartitions);
				for (const x of e.ends) expect(x.atMs).toBeLessThanOrEqual(e.commitMs!);
				last = e.commitMs!;
			}
			for (const lane of t.lanes) {
				for (let i = 1; i < lane.rows.length; i++) {
					const [a, b] = [lane.rows[i - 1]!, lane.rows[i]!];
					expect(b.processedMs).toBeGreaterThanOrEqual(a.processedMs);
					expect(b.processedMs - b.createdMs).toBeGreaterThanOrEqual(
						t.config.perRowCostUs / 1000 - 1e-9
					);
					if (a.run === b.run) expect(b.value - a.value).toBe(t.config.numPartitions);
				}
			}
			if (t.failure)
				expect(t.failure.duplicatesInSink).toBeLessThanOrEqual(t.failure.reprocessedRows);
		});
	}
});
