/**
 * SIM-1 reads its run from the page's program: the streaming source and its options (the rate
 * source's rowsPerSecond and numPartitions, R7.2; the socket source, R7.4), the trigger
 * (`q.trigger`, R1.4) and the output mode come from the analyzed query; only what a program cannot
 * say (the cluster's speed and cores, how fast lines reach the socket) comes from the page's
 * simulation-only parameters. A value the simulation cannot run is refused at its line.
 */
import type { Result, SourceError } from '../../core/errors';
import type { Plan, Query, Trigger } from '../../structured/plan';
import type { Pos } from '../../structured/expr/ast';
import type { RunConfig, SourceSpec } from '../../microbatch/trace';
import type { TriggerSpec } from '../../structured/runtime/trigger-policy';

/** What the program cannot say: the simulated cluster and the lines typed into the socket. */
export interface SimulatedCluster {
	readonly fixedOverheadMs: number;
	readonly perRowCostUs: number;
	/** Executor cores; also the rate source's default numPartitions (local[cores]). */
	readonly cores: number;
	readonly linesPerSecond: number;
	readonly wordsPerLine: number;
	/** Lines typed into the socket by hand, turn by turn (a preset's replay of a Spark test):
	 *  they replace the generated lines. Absent or null: generated at linesPerSecond. */
	readonly typedLines?: readonly (readonly string[])[] | null;
	readonly untilMs: number;
	readonly seed: number;
	/** Continuous runs only: a task fails here (virtual ms) and the query stops; null: none. */
	readonly failureAtMs?: number | null;
}

/** Above these the playground's run would be too slow to redraw as a parameter moves. */
export const MAX_ROWS_PER_SECOND = 10_000;
export const MAX_PARTITIONS = 64;

export interface ProgramRun {
	readonly config: RunConfig;
	/** `.trigger(continuous=...)`: continuous processing, not a micro-batch run (R1.4.6). */
	readonly continuous: boolean;
}

const refuse = (at: Pos, message: string, supported?: string): Result<never, SourceError> => ({
	ok: false,
	error: { line: at.line, column: at.column, message, ...(supported ? { supported } : {}) }
});

/**
 * Where an option is set: the line naming it inside the source's `readStream ... load()` chain,
 * else the chain's `load()` (the reader keeps positions of calls, not of option values).
 */
export function optionAt(code: string, key: string, load: Pos): Pos {
	const lines = code.split('\n');
	const named = new RegExp(`["']${key}["']|\\b${key}\\s*=`);
	for (let i = load.line - 1; i >= 0; i--) {
		const text = lines[i] ?? '';
		const m = named.exec(text.replace(/#.*$/, ''));
		if (m) return { line: i + 1, column: m.index + 1 };
		if (/readStream/.test(text)) break;
	}
	return load;
}

/** A whole number in [1, max] as Spark reads a Long option, or why not. */
function positiveInt(raw: string, key: string, max: number, unit: string): number | string {
	const n = Number(raw.trim());
	if (!Number.isInteger(n) || n <= 0) {
		return `Invalid value '${raw}' for option '${key}': it must be a positive whole number`;
	}
	if (n > max)
		return `option '${key}' = ${n}: the playground simulates at most ${max.toLocaleString('en')} ${unit}`;
	return n;
}

type SourcePlan = Extract<Plan, { op: 'Source' }>;

/** The streaming sources under a query's plan, in program order. */
export function streamingSources(plan: Plan): SourcePlan[] {
	switch (plan.op) {
		case 'Source':
			return plan.streaming ? [plan] : [];
		case 'Join':
			return [...streamingSources(plan.left), ...streamingSources(plan.right)];
		case 'Union':
			return plan.children.flatMap(streamingSources);
		default:
			return streamingSources(plan.child);
	}
}

function sourceOf(
	q: Query,
	code: string,
	cluster: SimulatedCluster
): Result<SourceSpec, SourceError> {
	const [p, second] = streamingSources(q.plan).sort((a, b) => a.id - b.id);
	if (second) {
		return refuse(
			second.at,
			'this simulation feeds one streaming source; the program reads a second',
			'Read one rate or socket stream.'
		);
	}
	if (!p || p.source.kind !== 'readStream') {
		return refuse(
			q.write.at,
			'the query reads no streaming source this simulation can feed',
			'Read with spark.readStream.format("rate") or .format("socket").'
		);
	}
	const { format, options } = p.source;
	const at = (key: string) => optionAt(code, key, p.at);
	if (format === 'rate') {
		const rate = positiveInt(
			options['rowsPerSecond'] ?? '1',
			'rowsPerSecond',
			MAX_ROWS_PER_SECOND,
			'rows per second'
		);
		if (typeof rate === 'string') return refuse(at('rowsPerSecond'), rate);
		const set = options['numPartitions'];
		const parts =
			set === undefined
				? cluster.cores
				: positiveInt(set, 'numPartitions', MAX_PARTITIONS, 'partitions');
		if (typeof parts === 'string') return refuse(at('numPartitions'), parts);
		const ramp = options['rampUpTime'];
		if (ramp !== undefined && !/^\s*0+\s*(s|seconds?)?\s*$/.test(ramp)) {
			return refuse(
				at('rampUpTime'),
				`option 'rampUpTime' = '${ramp}' is not simulated: the rate source here emits rowsPerSecond from its first second`,
				'Remove the rampUpTime option.'
			);
		}
		return {
			ok: true,
			value: {
				kind: 'rate',
				rowsPerSecond: rate,
				numPartitions: parts,
				numPartitionsOption: set !== undefined
			}
		};
	}
	if (format === 'socket') {
		for (const key of ['host', 'port']) {
			if (options[key] === undefined) {
				return refuse(
					p.at,
					`Set a ${key} to read from with option("${key}", ...)`,
					'Read with spark.readStream.format("socket").option("host", "localhost").option("port", 9999).load().'
				);
			}
		}
		const { linesPerSecond, wordsPerLine, typedLines } = cluster;
		return {
			ok: true,
			value: {
				kind: 'socket',
				linesPerSecond,
				wordsPerLine,
				...(typedLines ? { typed: typedLines } : {})
			}
		};
	}
	return refuse(
		p.at,
		`this simulation feeds a rate or socket source; the program reads format "${format}"`,
		'Read with spark.readStream.format("rate").option("rowsPerSecond", 5).load(), or format("socket") with a host and port.'
	);
}

/** The program's trigger as the micro-batch loop runs it (R1.4; ProcessingTime(0) is the default). */
export function triggerOf(t: Trigger): { trigger: TriggerSpec; continuous: boolean } {
	switch (t.kind) {
		case 'processingTime':
			return {
				trigger:
					t.intervalMs > 0
						? { kind: 'processingTime', intervalMs: t.intervalMs }
						: { kind: 'default', intervalMs: 0 },
				continuous: false
			};
		case 'continuous':
			// Continuous processing has no micro-batches; the caller routes it elsewhere.
			return { trigger: { kind: 'default', intervalMs: 0 }, continuous: true };
		case 'once':
		case 'availableNow':
			return { trigger: { kind: t.kind, intervalMs: 0 }, continuous: false };
		case 'default':
			return { trigger: { kind: 'default', intervalMs: 0 }, continuous: false };
	}
}

/**
 * The run a program (as read, before analysis: a query the analyzer rejects still has a source
 * and a trigger to show) asks for on this simulated cluster.
 * @example runConfigOf(q, code, cluster) // rate rowsPerSecond=5, processingTime 2 s, local[4]
 */
export function runConfigOf(
	q: Query,
	code: string,
	cluster: SimulatedCluster
): Result<ProgramRun, SourceError> {
	const source = sourceOf(q, code, cluster);
	if (!source.ok) return source;
	const { trigger, continuous } = triggerOf(q.write.trigger);
	const numPartitions = source.value.kind === 'rate' ? source.value.numPartitions : 1;
	return {
		ok: true,
		value: {
			continuous,
			config: {
				source: source.value,
				trigger,
				cost: {
					fixedOverheadMs: cluster.fixedOverheadMs,
					perRowCostUs: cluster.perRowCostUs,
					numPartitions,
					cores: cluster.cores
				},
				untilMs: cluster.untilMs,
				seed: cluster.seed
			}
		}
	};
}
