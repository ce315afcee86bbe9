/**
 * One work budget per run. A shared link can carry any program; whatever it asks for, a run
 * ends within these limits with a located message that names the limit and the value that
 * crossed it, never a freeze, a crash or a JavaScript error text. The figures are far above
 * what any page's parameters produce (the largest page rate for an hour is 720,000 events) and
 * low enough that a run at the limit finishes in about a second.
 */
export const RUN_LIMITS = {
	/** Python steps in one run: the program and every function it hands to Spark, all batches
	 *  together (a step is a statement, an expression, or an item a builtin makes or reads). */
	pythonSteps: 5_000_000,
	/** Windows one row falls in: window duration / slide duration. */
	windowsPerRow: 1_000,
	/** Rows through the engine in one run: input rows, each row's windows, generated rows. */
	rows: 5_000_000,
	/** Rows one stateful operator keeps at the end of a batch. */
	stateRows: 1_000_000,
	/** Rows recorded in one run's trace (arrived, updated, evicted, dropped, emitted). */
	traceRows: 5_000_000,
	/** DStream work in one run: every RDD a batch asks for (windows read many) and every
	 *  record a computed RDD holds. */
	dstreamWork: 5_000_000
} as const;

export type RunLimit = keyof typeof RUN_LIMITS;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** What each limit counts, for the message. */
const WHAT: Record<RunLimit, (value: number, limit: number) => string> = {
	pythonSteps: (v, l) =>
		`this run's Python took more than ${fmt(l)} steps (${fmt(v)} by here: the program and every function it passes to Spark, over all batches); the playground stops a run there. An endless loop, or too much work per record?`,
	windowsPerRow: (v, l) =>
		`this window puts each row in ${fmt(v)} windows (window duration / slide duration); the playground draws at most ${fmt(l)} windows per row. Use a longer slide or a shorter window.`,
	rows: (v, l) =>
		`this run put ${fmt(v)} rows through the engine (input rows, the windows each row falls in, generated rows); the playground runs at most ${fmt(l)} in one run.`,
	stateRows: (v, l) =>
		`a stateful operator holds ${fmt(v)} rows of state after this batch; the playground keeps at most ${fmt(l)}. Add a watermark so old groups are dropped, or group by fewer keys.`,
	traceRows: (v, l) =>
		`this run recorded ${fmt(v)} rows in its trace; the playground records at most ${fmt(l)} in one run. Shorten the run or lower the rate.`,
	dstreamWork: (v, l) =>
		`this run's DStream jobs touched ${fmt(v)} RDDs and records (each batch's RDDs, every RDD a window reads, every record computed); the playground stops a run at ${fmt(l)}. A very short batch interval or a long window multiplies them.`
};

export function limitMessage(
	limit: RunLimit,
	value: number,
	max: number = RUN_LIMITS[limit]
): string {
	return WHAT[limit](value, max);
}

/** A run went over one of its limits. Engines turn it into a located message. */
export class RunLimitExceeded extends Error {
	constructor(
		readonly limit: RunLimit,
		readonly value: number,
		readonly max: number = RUN_LIMITS[limit]
	) {
		super(limitMessage(limit, value, max));
		this.name = 'RunLimitExceeded';
	}
}

/** Counters for one run; `charge` throws RunLimitExceeded past a limit. */
export class RunBudget {
	private readonly used: Record<RunLimit, number> = {
		pythonSteps: 0,
		windowsPerRow: 0,
		rows: 0,
		stateRows: 0,
		traceRows: 0,
		dstreamWork: 0
	};
	constructor(readonly limits: Readonly<Record<RunLimit, number>> = RUN_LIMITS) {}

	/** Adds `n` to a running total. */
	charge(limit: RunLimit, n: number): void {
		const v = (this.used[limit] += n);
		if (v > this.limits[limit]) throw new RunLimitExceeded(limit, v, this.limits[limit]);
	}

	/** Checks a level (not a total), such as the state rows after a batch. */
	check(limit: RunLimit, value: number): void {
		if (value > this.limits[limit]) throw new RunLimitExceeded(limit, value, this.limits[limit]);
	}

	spent(limit: RunLimit): number {
		return this.used[limit];
	}
}
