/** A DStream program with a driver failure at 7 s and a restart at 9 s, on one line "a" at
 *  every x.5 s, 2 s batches (restart.test.ts and the restart strip's layout test). */
import { runDStreamProgram } from '../../../../simulations/kinds/dstream/run';
import { linesBetween, type SocketLine } from '../../../../simulations/kinds/dstream/socket-lines';
import type { DsRun } from '../../../../simulations/kinds/dstream/frames';

const LINES: SocketLine[] = Array.from({ length: 14 }, (_, i) => ({
	atMs: 500 + 1000 * i,
	line: 'a'
}));

export function program(
	opts: { wal?: boolean; getOrCreate?: boolean; batch?: number } = {}
): string {
	const conf = opts.wal
		? ', conf=SparkConf().set("spark.streaming.receiver.writeAheadLog.enable", "true")'
		: '';
	const body = `def create():
    sc = SparkContext("local[2]", "t"${conf})
    ssc = StreamingContext(sc, ${opts.batch ?? 2})
    lines = ssc.socketTextStream("localhost", 9999)
    totals = lines.map(lambda l: (l, 1)).updateStateByKey(lambda new, old: sum(new) + (old or 0))
    totals.checkpoint(4)
    totals.pprint()
    return ssc
`;
	const start =
		opts.getOrCreate === false
			? 'ssc = create()\nssc.checkpoint("/tmp/ck")\n'
			: 'ssc = StreamingContext.getOrCreate("/tmp/ck", create)\n';
	return `from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

${body}
${start}ssc.start()
ssc.awaitTermination()
`;
}

export function run(code: string, firstCode = code): DsRun {
	const r = runDStreamProgram(code, {
		durationMs: 14_000,
		startEpochMs: 0,
		sources: [{ arrivals: (from, to) => linesBetween(LINES, from, to) }],
		cost: {
			perRecordMs: 25,
			taskOverheadMs: 10,
			batchOverheadMs: 20,
			executors: 1,
			coresPerExecutor: 2,
			jitter: 0
		},
		seed: 1,
		restart: { failure: { failAtMs: 7000, restartDelayMs: 2000 }, firstCode }
	});
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
}
