// Window arguments Spark accepts but cannot run: the error Spark would end with, at the call.
import { describe, expect, it } from 'vitest';
import { readDStreamProgram, simulateDStreams } from '../../../simulations/dstream/index';
import type { DStreamEvent } from '../../../simulations/dstream/index';

const run = (batch: string, body: string) => {
	const src = `from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext
sc = SparkContext(conf=SparkConf().setMaster("local[2]"))
ssc = StreamingContext(sc, ${batch})
ssc.checkpoint("/tmp/cp")
lines = ssc.socketTextStream("localhost", 9999)
${body}
ssc.start()
`;
	const p = readDStreamProgram(src);
	if (!p.ok) return { read: p.error, events: [] as DStreamEvent[] };
	const source = {
		arrivals: (from: number, to: number) =>
			Math.floor(to / 100) > Math.floor(from / 100) ? ['a b'] : []
	};
	return { read: null, events: simulateDStreams(p.value, { durationMs: 3000, sources: [source] }) };
};
const firstError = (events: readonly DStreamEvent[]) => {
	const e = events.find((x) => x.type === 'error');
	return e && e.type === 'error' ? e.error : undefined;
};

describe('DStream window arguments', () => {
	it('countByWindow with a negative slide fails the first batch at the call, not as a RecursionError', () => {
		const { events } = run('0.5', 'lines.countByWindow(1.5, -1).pprint()');
		const e = firstError(events);
		expect(e?.line).toBe(7);
		expect(e?.message).toMatch(
			/^java\.lang\.StackOverflowError: slideDuration is -1000 ms, negative/
		);
	});

	it('a zero slide divides by zero, as Duration.isMultipleOf does', () => {
		expect(firstError(run('0.5', 'lines.countByWindow(1.5, 0).pprint()').events)?.message).toBe(
			'java.lang.ArithmeticException: / by zero'
		);
		const w = firstError(run('0.5', 'lines.window(1.5, 0).count().pprint()').events);
		expect(w).toMatchObject({ line: 7, message: 'java.lang.ArithmeticException: / by zero' });
	});

	it('a window over a negative-slide window ends (Scala counts a negative range down)', () => {
		const { events } = run('0.5', 'lines.window(1.5, -0.5).window(3, 1).count().pprint()');
		expect(firstError(events)).toBeUndefined();
		expect(events.some((e) => e.type === 'batchCompleted')).toBe(true);
	});

	it("PySpark's own multiple-of-the-batch check still comes first", () => {
		expect(run('1', 'lines.countByWindow(1.5, -1).pprint()').read?.message).toBe(
			"ValueError: windowDuration must be multiple of the parent dstream's slide (batch) duration (1000 ms)"
		);
	});
});

describe('DStream work in a run', () => {
	it('a 1 ms batch interval under a 6 s window ends on the run budget at ssc.start(), not after minutes', () => {
		const { events } = run(
			'0.001',
			'lines.map(lambda w: (w, 1)).reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 6, 2).pprint()'
		);
		const e = firstError(events);
		expect(e?.line).toBe(8);
		expect(e?.message).toMatch(/^this run's DStream jobs touched [\d,]+ RDDs and records/);
	});
});
