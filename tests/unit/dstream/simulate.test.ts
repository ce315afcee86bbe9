// The DStream application over virtual time: receiver blocks, rate limits, the job queue,
// backpressure wiring to the PID estimator, direct Kafka offset ranges, and the Observable trace.
import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
	kafkaUntilOffsets,
	pidRateEstimator,
	PID_DEFAULTS,
	readDStreamProgram,
	runDStreams,
	simulateDStreams
} from '../../../simulations/dstream/index';
import type { DStreamEvent, RecordSource } from '../../../simulations/dstream/index';
import { PROGRAMS } from '../../../simulations/questions/programs';

const program = (src: string) => {
	const r = readDStreamProgram(src);
	if (!r.ok) throw new Error(`${r.error.line}: ${r.error.message}`);
	return r.value;
};

/** `perSecond` lines per second, evenly spaced, cycling through `lines`. */
const steady = (perSecond: number, lines = ['a b', 'b c']): RecordSource => ({
	arrivals: (from, to) => {
		const out: string[] = [];
		const gap = 1000 / perSecond;
		for (let k = Math.floor(from / gap) + 1; k * gap <= to; k++)
			out.push(lines[k % lines.length] ?? '');
		return out;
	}
});

const header = (conf: string, batch = 1) => `from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext
conf = SparkConf().setMaster("local[4]")${conf}
sc = SparkContext(conf=conf)
ssc = StreamingContext(sc, ${batch})
lines = ssc.socketTextStream("localhost", 9999)
`;

const of = <T extends DStreamEvent['type']>(ev: DStreamEvent[], type: T) =>
	ev.filter((e): e is Extract<DStreamEvent, { type: T }> => e.type === type);

describe('receivers and blocks', () => {
	it('cuts one block per block interval; a batch has batch/blockInterval partitions', () => {
		const p = program(
			header('.set("spark.streaming.blockInterval", "200ms")', 2) + 'lines.count().pprint()\n'
		);
		const ev = simulateDStreams(p, { durationMs: 4000, sources: [steady(10)] });
		const done = of(ev, 'batchCompleted');
		expect(done.map((b) => b.batchTime)).toEqual([2000, 4000]);
		const inputRdd = done[0]?.rdds.find((r) => r.op === 'socketTextStream');
		expect(inputRdd?.partitionSizes).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
		expect(done[0]?.outputs[0]?.lines?.[3]).toBe('20');
	});

	it('spark.streaming.receiver.maxRate caps ingestion; the rest waits in the source', () => {
		const p = program(
			header('.set("spark.streaming.receiver.maxRate", "5")') + 'lines.count().pprint()\n'
		);
		const ev = simulateDStreams(p, { durationMs: 3000, sources: [steady(20)] });
		expect(of(ev, 'batchSubmitted').map((b) => b.numRecords)).toEqual([5, 5, 5]);
		expect(of(ev, 'block').at(-1)?.backlog).toBe(45);
	});

	it('a receiver takes a core: with local[1] sized cluster nothing is processed', () => {
		const p = program(header('') + 'lines.count().pprint()\n');
		const ev = simulateDStreams(p, {
			durationMs: 2000,
			sources: [steady(5)],
			cost: { executors: 1, coresPerExecutor: 1 }
		});
		expect(of(ev, 'stalled')[0]?.reason).toContain('1 taken by receivers');
		expect(of(ev, 'batchCompleted')).toHaveLength(0);
	});
});

describe('output operations', () => {
	it("foreachRDD gets (time, rdd) or rdd; print goes to the batch's stdout", () => {
		const src =
			header('') +
			'def show(t, rdd):\n    print(int(t.timestamp()), rdd.count())\n\nlines.foreachRDD(show)\nlines.foreachRDD(lambda rdd: print(sorted(rdd.collect())[:1]))\n';
		const ev = simulateDStreams(program(src), {
			durationMs: 2000,
			sources: [steady(2, ['x', 'y'])],
			startEpochMs: 1_700_000_000_000
		});
		expect(of(ev, 'batchCompleted').map((b) => b.stdout)).toEqual([
			['1700000001 2', "['x']"],
			['1700000002 2', "['x']"]
		]);
	});
	it('pprint prints a Time banner and at most num elements', () => {
		const ev = simulateDStreams(program(header('') + 'lines.pprint(1)\n'), {
			durationMs: 1000,
			sources: [steady(2, ['x', 'y'])]
		});
		expect(of(ev, 'batchCompleted')[0]?.outputs[0]?.lines).toEqual([
			'-------------------------------------------',
			'Time: 1970-01-01 00:00:01',
			'-------------------------------------------',
			'y',
			'...',
			''
		]);
	});
});

describe('queueStream programs', () => {
	it('ssc.union of queue streams, one RDD per batch, then empty', () => {
		const src = `from pyspark import SparkContext
from pyspark.streaming import StreamingContext
sc = SparkContext("local[2]", "x")
ssc = StreamingContext(sc, 1)
a = ssc.queueStream([[1], [2]])
b = ssc.queueStream([[10], [20]])
ssc.union(a, b, ssc.queueStream([[100]])).foreachRDD(lambda rdd: print(sorted(rdd.collect())))
ssc.start()
`;
		const ev = simulateDStreams(program(src), { durationMs: 3000 });
		expect(of(ev, 'batchCompleted').map((b) => b.stdout)).toEqual([
			['[1, 10, 100]'],
			['[2, 20]'],
			['[]']
		]);
	});
	it('a program without output operations does not start', () => {
		const src =
			'from pyspark import SparkContext\nfrom pyspark.streaming import StreamingContext\nssc = StreamingContext(SparkContext(), 1)\nssc.queueStream([[1]])\nssc.start()\n';
		const e = of(simulateDStreams(program(src), { durationMs: 1000 }), 'error')[0]?.error;
		expect(e?.message).toBe(
			'IllegalArgumentException: requirement failed: No output operations registered, so nothing to execute'
		);
		expect(e?.line).toBe(5);
	});
});

describe('output code that writes files', () => {
	it('basic-10: one file per (batch time, partition), written through open() in a with block', () => {
		const src = PROGRAMS['basic-10-sinks']?.find((p) => p.id === 'dstream')?.template ?? '';
		const p = program(src);
		const ev = simulateDStreams(p, {
			durationMs: 10_000,
			sources: [steady(10, ['d-1,2.0', 'd-2,1.0'])]
		});
		const files = of(ev, 'batchCompleted').map((b) => b.files.map((f) => f.path.split('/').pop()));
		expect(files).toEqual([
			['batch-5000-part-0.csv', 'batch-5000-part-1.csv'],
			['batch-10000-part-0.csv', 'batch-10000-part-1.csv']
		]);
		const all = [...p.state.fs.files.values()]
			.join('')
			.split('\n')
			.filter((l) => l)
			.sort();
		expect(all).toEqual(['d-1,25', 'd-1,25', 'd-2,25', 'd-2,25']);
	});
});

describe('StreamingListener', () => {
	it('basic-12: onBatchCompleted sees BatchInfo; delays print as py4j Scala Options', () => {
		const src = PROGRAMS['basic-12-monitoring']?.find((p) => p.id === 'dstream')?.template ?? '';
		const ev = simulateDStreams(program(src), {
			durationMs: 10_000,
			sources: [steady(10, ['d-1,2.0'])]
		});
		const done = of(ev, 'batchCompleted');
		expect(done).toHaveLength(2);
		const b = done[0];
		expect(b?.stdout[0]).toBe(
			`records=50 schedulingDelay=Some(${b?.schedulingDelay})ms processingDelay=Some(${b?.processingDelay})ms totalDelay=Some(${b?.totalDelay})ms`
		);
	});
});

describe('job queue', () => {
	it('batches are generated on schedule and queue when processing overruns', () => {
		const p = program(header('') + 'lines.count().pprint()\n');
		// 1000 records/s at 4 ms each: 5 block tasks of 810 ms on 3 free cores, plus count's reduce stage, take about 1.65 s per 1 s batch.
		const ev = simulateDStreams(p, {
			durationMs: 5000,
			sources: [steady(1000)],
			cost: { perRecordMs: 4, executors: 1, coresPerExecutor: 4 }
		});
		const done = of(ev, 'batchCompleted');
		expect(done.map((b) => b.batchTime)).toEqual([1000, 2000, 3000, 4000, 5000]);
		const delays = done.map((b) => b.schedulingDelay);
		expect(delays[0]).toBe(0);
		for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1] ?? 0);
		for (const b of done) expect(b.totalDelay).toBe(b.schedulingDelay + b.processingDelay);
	});
});

describe('backpressure', () => {
	const conf =
		'.set("spark.streaming.backpressure.enabled", "true").set("spark.streaming.backpressure.initialRate", "2000")';
	it('feeds each completed batch to the PID estimator and limits the receiver with floor(rate)', () => {
		const p = program(header(conf) + 'lines.count().pprint()\n');
		const ev = simulateDStreams(p, {
			durationMs: 10000,
			sources: [steady(2000)],
			cost: { perRecordMs: 2, executors: 1, coresPerExecutor: 4 }
		});
		const done = of(ev, 'batchCompleted');
		const updates = of(ev, 'rateUpdate');
		expect(updates).toHaveLength(done.length);
		// Replaying the completed batches through a fresh estimator gives the same published rates.
		const pid = pidRateEstimator({ batchIntervalMs: 1000, ...PID_DEFAULTS });
		done.forEach((b, i) => {
			const step = pid.compute(b.time, b.numRecords, b.processingDelay, b.schedulingDelay);
			expect(updates[i]?.pid).toEqual(step);
			expect(updates[i]?.published).toBe(
				step.newRate === undefined ? undefined : Math.floor(step.newRate)
			);
		});
		expect(updates[0]?.published).toBeUndefined();
		// The receiver ingests less than the 2000/s offered once estimates arrive.
		const last = of(ev, 'batchSubmitted').at(-1);
		expect(last?.numRecords).toBeLessThan(2000);
		expect(of(ev, 'block').at(-1)?.backlog).toBeGreaterThan(0);
	});

	it('without backpressure the scheduling delay keeps growing', () => {
		const p = program(header('') + 'lines.count().pprint()\n');
		const ev = simulateDStreams(p, {
			durationMs: 10000,
			sources: [steady(2000)],
			cost: { perRecordMs: 2, executors: 1, coresPerExecutor: 4 }
		});
		expect(of(ev, 'rateUpdate')).toHaveLength(0);
		const delays = of(ev, 'batchCompleted').map((b) => b.schedulingDelay);
		expect(delays.at(-1)).toBeGreaterThan(5000);
	});
});

describe('direct Kafka', () => {
	it('bounds each batch per partition (R8.7 example)', () => {
		// B = 2 s, R = 1000/s, lags 3000 and 1000, maxRatePerPartition 500:
		// rates 750 -> capped 500 and 250 -> 1000 and 500 messages.
		expect(
			kafkaUntilOffsets([0, 0], [3000, 1000], 1000, {
				batchMs: 2000,
				maxRatePerPartition: 500,
				minRatePerPartition: 1
			})
		).toEqual([1000, 500]);
		// No backpressure, no limit: everything available.
		expect(
			kafkaUntilOffsets([5, 0], [3000, 1000], undefined, {
				batchMs: 2000,
				maxRatePerPartition: 0,
				minRatePerPartition: 1
			})
		).toEqual([3000, 1000]);
	});

	it('replaces the receiver: one RDD partition per Kafka partition', () => {
		const p = program(
			header('.set("spark.streaming.kafka.maxRatePerPartition", "100")') +
				'lines.count().pprint()\n'
		);
		const kafka = {
			partitions: 3,
			arrivals: (_p: number, from: number, to: number) =>
				Array.from({ length: (to - from) / 5 }, () => 'x')
		};
		const ev = simulateDStreams(p, { durationMs: 2000, kafka });
		const first = of(ev, 'batchCompleted')[0];
		expect(first?.rdds.find((r) => r.op === 'socketTextStream')?.partitionSizes).toEqual([
			100, 100, 100
		]);
		expect(of(ev, 'kafkaOffsets')[1]?.until).toEqual([200, 200, 200]);
	});
});

describe('programs of the corpus', () => {
	const basic03 = PROGRAMS['basic-03-dstreams']?.find((p) => p.id === 'main')?.template ?? '';
	it('basic-03 runs its three outputs every batch', () => {
		const ev = simulateDStreams(program(basic03), { durationMs: 8000, sources: [steady(5)] });
		const done = of(ev, 'batchCompleted');
		expect(done).toHaveLength(4);
		expect(done[0]?.outputs.map((o) => o.kind)).toEqual(['pprint', 'pprint', 'pprint']);
		expect(of(ev, 'checkpoint').filter((c) => c.kind === 'metadata')).toHaveLength(4);
	});
	it("basic-03 without ssc.checkpoint fails to start with Spark's message", () => {
		const src = basic03.replace(/^ssc\.checkpoint.*$/m, '');
		const ev = simulateDStreams(program(src), { durationMs: 4000, sources: [steady(5)] });
		const e = of(ev, 'error')[0]?.error;
		expect(e?.message).toBe(
			'IllegalArgumentException: requirement failed: The checkpoint directory has not been set. Please set it by StreamingContext.checkpoint().'
		);
		expect(e?.line).toBe(23);
	});
	it('basic-03 with a 5 s window over 2 s batches raises the ValueError at the call', () => {
		const r = readDStreamProgram(basic03.replace('6,  # <- windowLength', '5,  # <- windowLength'));
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.error.message).toBe(
				"ValueError: windowDuration must be multiple of the parent dstream's slide (batch) duration (2000 ms)"
			);
			expect(r.error.line).toBe(23);
		}
	});
});

describe('event stream', () => {
	it('is an Observable on a virtual-time scheduler, deterministic run to run', () => {
		const src =
			header('') +
			'lines.flatMap(lambda l: l.split(" ")).map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b).pprint()\n';
		const collect = () => {
			const scheduler = new VirtualTimeScheduler();
			const seen: { at: number; e: DStreamEvent }[] = [];
			runDStreams(
				program(src),
				{ durationMs: 3000, sources: [steady(4)], cost: { jitter: 0.5 }, seed: 7 },
				scheduler
			).subscribe((e) => seen.push({ at: scheduler.now(), e }));
			scheduler.flush();
			return seen;
		};
		const a = collect();
		expect(a.length).toBeGreaterThan(10);
		for (const { at, e } of a) expect(at).toBe(e.time);
		expect(JSON.stringify(collect())).toBe(JSON.stringify(a));
	});
});
