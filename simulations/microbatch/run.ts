/**
 * SIM-1's runs on the one micro-batch loop (../structured/runtime/loop.ts) and an injected
 * scheduler: the loop decides *when* each trigger attempt and each commit happens, the source and
 * the query (executor.ts) decide *what*. `buildTrace` flushes a whole run on a VirtualTimeScheduler, as fast as the
 * machine allows, and collects a serialisable Trace. The engine never sees wall-clock time.
 */
import {
	type Observable,
	type SchedulerLike,
	VirtualAction,
	VirtualTimeScheduler,
	defer,
	map
} from 'rxjs';
import { createRng } from '../core/rng';
import { procTime, type ProcTimeMs } from '../core/time';
import { loop$ } from '../structured/runtime/loop';
import { simEvent, simLoop, type ExecContext, type ExecEvent } from './executor';
import { seededUuid } from './progress';
import type { BatchQuery, QueryInfo } from './query';
import { rateSource } from './rate-source';
import {
	socketLines,
	socketSource,
	typedSocketLines,
	typingGapMs,
	type SocketLine
} from './socket-source';
import type { MicroBatchSource } from './source';
import type { BatchRecord, RunConfig, Trace } from './trace';

/** Virtual 0 on the epoch clock: 2026-01-01T10:00:00.000Z, so timestamps read like real ones. */
export const EPOCH_OFFSET_MS = Date.UTC(2026, 0, 1, 10, 0, 0);

/** Every event of one run, each emitted at its own virtual time on `scheduler`. */
export function microBatchRun$(
	ctx: ExecContext,
	startAt: ProcTimeMs,
	scheduler: SchedulerLike
): Observable<ExecEvent> {
	return defer(() => loop$(simLoop(ctx, startAt), scheduler).pipe(map((e) => simEvent(ctx, e))));
}

interface Prepared {
	/** The run's config with the trigger and end it really gets (fallbacks, typed lines). */
	readonly config: RunConfig;
	readonly source: MicroBatchSource;
	readonly ids: ExecContext['ids'];
	readonly startAt: ProcTimeMs;
	readonly lines: readonly SocketLine[];
	readonly notices: readonly string[];
}

/** Intervals a run with typed lines goes on after its last line: its batch, then a quiet tail. */
const TYPED_TAIL_GAPS = 3;

/** Seeds the run: the query's start phase, the socket's lines, the query ids. */
export function prepareRun(config: RunConfig): Prepared {
	const rng = createRng(config.seed);
	// The query starts somewhere within the first second: triggers align to the epoch grid, not to
	// the start, and rate rows count whole seconds from the start; the seed shows both.
	const startAt = procTime(rng.int(1000));
	const ids = { id: seededUuid(rng.next), runId: seededUuid(rng.next) };
	let lines: SocketLine[] = [];
	let source: MicroBatchSource;
	let untilMs = config.untilMs;
	const interval = config.trigger.kind === 'processingTime' ? config.trigger.intervalMs : 0;
	if (config.source.kind === 'rate') {
		source = rateSource({ ...config.source, creationMs: startAt });
	} else if (config.source.typed) {
		const turns = config.source.typed;
		lines = typedSocketLines({
			turns,
			fromMs: startAt,
			triggerIntervalMs: interval,
			epochOffsetMs: EPOCH_OFFSET_MS
		});
		lines = lines.filter((l) => l.atMs <= config.untilMs);
		// Typing stops: the run ends a few intervals after the last line, not a minute of idle ticks.
		const last = lines.at(-1)?.atMs ?? startAt;
		untilMs = Math.min(config.untilMs, last + TYPED_TAIL_GAPS * typingGapMs(interval));
		source = socketSource(lines);
	} else {
		const spec = { ...config.source, fromMs: startAt, untilMs: procTime(config.untilMs) };
		lines = socketLines(spec, rng.fork());
		source = socketSource(lines);
	}
	const notices: string[] = [];
	let trigger = config.trigger;
	if (trigger.kind === 'availableNow' && !source.supportsAvailableNow) {
		// Spark 4 falls back to single-batch execution for such sources (R1.4.5).
		notices.push(
			`${source.description} does not support Trigger.AvailableNow. Falling back to single batch execution…`
		);
		trigger = { kind: 'once', intervalMs: 0 };
	}
	return { config: { ...config, trigger, untilMs }, source, ids, startAt, lines, notices };
}

/**
 * The trace of a query the analyzer rejected in start() (e.g. append with an aggregation and no
 * watermark, R4.2): no source is created and no batch ever runs.
 */
export function rejectedTrace(config: RunConfig, query: QueryInfo, error: string): Trace {
	const { startAt } = prepareRun(config);
	return {
		config,
		query,
		queryStartMs: startAt,
		epochOffsetMs: EPOCH_OFFSET_MS,
		lines: [],
		endMs: procTime(0),
		batches: [],
		idleTriggers: [],
		idlePolls: 0,
		log: [{ atMs: startAt, message: `AnalysisException: ${error}` }],
		terminatedAt: startAt,
		error
	};
}

/**
 * Runs the whole query on virtual time and returns its trace. `query` is started once on the
 * run's source and asked at every trigger attempt, in order.
 */
export function buildTrace(config: RunConfig, query: BatchQuery): Trace {
	const prepared = prepareRun(config);
	const { startAt, lines, notices, source } = prepared;
	const ctx: ExecContext = {
		config: prepared.config,
		source,
		query: query.start(source, { availableNow: prepared.config.trigger.kind === 'availableNow' }),
		info: query.info,
		epochOffsetMs: EPOCH_OFFSET_MS,
		ids: prepared.ids
	};
	const log = notices.map((message) => ({ atMs: startAt, message }));
	const base = {
		config,
		query: query.info,
		queryStartMs: startAt,
		epochOffsetMs: EPOCH_OFFSET_MS,
		lines
	};
	const scheduler = new VirtualTimeScheduler(VirtualAction, Infinity);
	const batches: BatchRecord[] = [];
	const idleTriggers: ProcTimeMs[] = [];
	let idlePolls = 0;
	let terminatedAt: ProcTimeMs | null = null;
	const keepTicks =
		ctx.config.trigger.kind === 'processingTime' && ctx.config.trigger.intervalMs > 0;
	// A batch that throws (a runtime error in the query, the run budget) fails the query. Caught
	// here, not left to RxJS, which would rethrow it later from a timer where no caller sees it.
	let failure: { readonly error: unknown } | null = null;
	microBatchRun$(ctx, startAt, scheduler).subscribe({
		next: (event) => {
			if (event.kind === 'batch') batches.push(event.record);
			else if (event.kind === 'log') log.push({ atMs: event.at, message: event.message });
			else if (event.kind === 'terminated') terminatedAt = event.at;
			else if (event.batchId === null) {
				idlePolls++;
				if (keepTicks) idleTriggers.push(event.at);
			}
		},
		error: (error: unknown) => (failure = { error })
	});
	scheduler.flush();
	if (failure !== null) throw (failure as { readonly error: unknown }).error;
	const lastCommit = batches.at(-1)?.commitAt ?? 0;
	// A query that stopped on its own leaves a short tail to look at, not a minute of nothing.
	const stop: number | null = terminatedAt;
	const endMs = stop === null ? Math.max(ctx.config.untilMs, lastCommit) : stop + 3000;
	return {
		...base,
		endMs: procTime(endMs),
		batches,
		idleTriggers,
		idlePolls,
		log,
		terminatedAt,
		error: null
	};
}
