/**
 * A Python data source query run on the one micro-batch loop (loop.ts), calling the program's own
 * classes in the order MicroBatchExecution and the Python data source runner call them:
 *
 *   query start   DataSource(options), schema(), streamReader(schema), streamWriter(schema, False)
 *   batch N       latestOffset(), offsets/N written, reader.commit(end of N-1) (constructNextBatch:
 *                 the source may forget batch N-1 once batch N is logged), initialOffset() (batch 0
 *                 only: offsets/0 holds only its end; checked on PySpark 4.1), partitions(start, end),
 *                 read(partition) per task, write(rows) per task, writer.commit(messages, N),
 *                 commits/N written
 *   restart       new instances; the last logged batch without commits/N runs again with the same
 *                 (start, end), without latestOffset (populateStartOffsets); initialOffset is not
 *                 called (the checkpoint has offsets)
 *
 * A batch is only constructed when latestOffset() differs from the previous end (no new data, no
 * batch). Every call is recorded in order with its arguments and result as the program's Python
 * sees them; a replay's rows are compared with the first attempt's, row by row.
 */
import { createRng } from '../../core/rng';
import type { Result, SourceError } from '../../core/errors';
import { PyClass, PyInstance } from '../../python/classes';
import { repr } from '../../python/format';
import { runPython, type PythonSession } from '../../python/index';
import { PyDict, PyIterable, PyTuple, type PyValue } from '../../python/values';
import { MicroBatchLoop } from '../runtime/loop';
import { jsonDumps, MemoryFiles, programModules, PyRow } from './python-env';
import { parseDdlSchema } from '../reader/sparktypes';
import { optionsDict, SessionRecord, sparkSession, type StartedSpec } from './session';
import { LineIndex } from '../reader/errors';

export type FailurePhase = 'afterOffsetLog' | 'afterSinkBeforeCommit';

export interface ProtocolWorld {
	/** Batch id at which the query crashes (null: never), and where in the batch. */
	readonly failAtBatch: number | null;
	readonly failurePhase: FailurePhase;
	/** The query is started again this long after the crash. */
	readonly downMs: number;
	readonly runMs: number;
}

export type CallSide = 'driver' | 'executor' | 'checkpoint' | 'query';

export interface ProtocolCall {
	readonly seq: number;
	/** The batch the call belongs to (-1: query start). */
	readonly batchId: number;
	/** 0 for the first run of the batch, 1 for its replay after a restart. */
	readonly attempt: number;
	readonly atMs: number;
	readonly side: CallSide;
	/** The method the program defines (`latestOffset`), or a log (`offsets/3`). */
	readonly method: string;
	/** The class whose method ran (empty for logs and events). */
	readonly cls: string;
	/** As Python would print it: `partitions({"offset": 100}, {"offset": 200})`. */
	readonly call: string;
	readonly result: string;
}

export interface ProtocolBatch {
	readonly batchId: number;
	readonly attempt: number;
	readonly triggerMs: number;
	readonly start: string;
	readonly end: string;
	readonly partitions: readonly string[];
	readonly rowsPerPartition: readonly number[];
	readonly rows: number;
	/** The first rows read, as Python prints them (for the page). */
	readonly sample: readonly string[];
	/** offsets/N as the checkpoint holds it. */
	readonly offsetLog: string;
	/** commits/N was written (false: the query crashed first). */
	readonly committed: boolean;
	/** Replays only: rows that differ from the first attempt's (by position), and extra/missing. */
	readonly differingRows: number;
	/** The writer's files after this attempt: path → text. */
	readonly files: Readonly<Record<string, string>>;
	/** Files this attempt opened to write that existed before it (a replay rewriting or
	 *  appending), with their text before and after. */
	readonly rewritten: readonly { path: string; before: string; after: string }[];
}

export interface ProtocolRun {
	readonly sourceName: string;
	readonly sinkName: string;
	readonly intervalMs: number;
	readonly calls: readonly ProtocolCall[];
	readonly batches: readonly ProtocolBatch[];
	readonly crashes: readonly { atMs: number; batchId: number; phase: FailurePhase }[];
	readonly restarts: readonly { stopMs: number; startMs: number }[];
	/** Program lines of each method, `Class.method` → lines. */
	readonly methodLines: Readonly<Record<string, { line: number; endLine: number }>>;
	/** Lines of the readStream chain's load() and the writeStream chain's start(). */
	readonly loadLine: number;
	readonly startLine: number;
	/** A Python exception raised by a method: the query stopped there. */
	readonly failure: { atMs: number; error: SourceError } | null;
	readonly endMs: number;
}

class QueryCrash extends Error {}

/** How Python prints a value the protocol passes around (offset dicts as JSON, as Spark logs). */
function show(v: PyValue): string {
	if (v instanceof PyDict) return jsonDumps(v);
	if (v instanceof PyRow)
		return `Row(${v.names.map((n, i) => `${n}=${show(v.values[i] ?? null)}`).join(', ')})`;
	if (v instanceof PyInstance) {
		const fields = [...v.dict].map(([k, x]) => `${k}=${show(x)}`);
		return `${v.cls.name}(${fields.join(', ')})`;
	}
	if (Array.isArray(v) || v instanceof PyIterable)
		return `[${(Array.isArray(v) ? v : v.items).map(show).join(', ')}]`;
	if (v instanceof PyTuple)
		return `(${v.items.map(show).join(', ')}${v.items.length === 1 ? ',' : ''})`;
	return repr(v);
}

const itemsOf = (v: PyValue): PyValue[] =>
	Array.isArray(v)
		? v
		: v instanceof PyIterable
			? [...v.items]
			: v instanceof PyTuple
				? [...v.items]
				: [];

/** Each `class`'s `def`s with their lines, from the syntax tree. */
function methodLinesOf(session: PythonSession): Record<string, { line: number; endLine: number }> {
	const out: Record<string, { line: number; endLine: number }> = {};
	const lines = new LineIndex(session.src);
	for (const [name, v] of session.globals.vars) {
		if (!(v instanceof PyClass)) continue;
		const re = new RegExp(`^class\\s+${name}\\b`, 'm');
		const m = re.exec(session.src);
		if (!m) continue;
		const after = session.src.slice(m.index);
		const end = after.search(/\n(?=\S)/);
		const body = end < 0 ? after : after.slice(0, end);
		const defRe = /^[ \t]+def\s+(\w+)/gm;
		const defs: { name: string; from: number }[] = [];
		for (let d = defRe.exec(body); d; d = defRe.exec(body))
			defs.push({ name: d[1] ?? '', from: m.index + d.index + d[0].indexOf('def') });
		const text = session.src.split('\n');
		const lastLine = lines.pos(m.index + body.length).line;
		defs.forEach((d, i) => {
			const line = lines.pos(d.from).line;
			let endLine = (defs[i + 1] ? lines.pos(defs[i + 1]!.from).line : lastLine + 1) - 1;
			// A decorator or blank lines before the next def belong to it, not to this one.
			while (endLine > line && /^\s*(@.*)?$/.test(text[endLine - 1] ?? '')) endLine--;
			out[`${name}.${d.name}`] = { line, endLine };
		});
	}
	return out;
}

export function runProtocol(
	code: string,
	world: ProtocolWorld,
	seed: number
): Result<ProtocolRun, SourceError> {
	let clock = 0;
	const fs = new MemoryFiles();
	const rec = new SessionRecord();
	const env = programModules({ nowMs: () => clock, rng: createRng(seed), fs });
	const { spark, sql } = sparkSession(rec);
	env.modules.set('pyspark.sql', sql);
	const ran = runPython(code, {
		modules: env.modules,
		globals: new Map([...env.globals, ['spark', spark]])
	});
	if (!ran.ok) return ran;
	const session = ran.value;
	const lines = new LineIndex(code);
	const end = lines.pos(Math.max(0, code.trimEnd().length - 1));
	const started: StartedSpec | null = rec.started;
	if (!started)
		return {
			ok: false,
			error: {
				...end,
				message: 'the program starts no streaming query',
				supported:
					'End it with readStream.format(name)...load().writeStream.format(name)...start().'
			}
		};
	const sourceCls = rec.sources.get(started.source.format);
	const sinkCls = rec.sources.get(started.sink.format);
	const missing = !sourceCls ? started.source : !sinkCls ? started.sink : null;
	if (missing || !sourceCls || !sinkCls)
		return {
			ok: false,
			error: {
				...lines.pos(missing?.at ?? 0),
				message: `[DATA_SOURCE_NOT_FOUND] Failed to find the data source: ${missing?.format}. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.`,
				supported: `Registered with spark.dataSource.register: ${[...rec.sources.keys()].join(', ') || 'none'}.`
			}
		};

	const calls: ProtocolCall[] = [];
	const batches: ProtocolBatch[] = [];
	const crashes: { atMs: number; batchId: number; phase: FailurePhase }[] = [];
	const restarts: { stopMs: number; startMs: number }[] = [];
	const offsetLog = new Map<number, { start: PyValue; end: PyValue }>();
	const committed = new Set<number>();
	const firstRows = new Map<number, string[]>();
	let failure: ProtocolRun['failure'] = null;

	let batchId = -1;
	let attempt = 0;
	const record = (side: CallSide, method: string, cls: string, call: string, result: string) =>
		calls.push({
			seq: calls.length,
			batchId,
			attempt,
			atMs: clock,
			side,
			method,
			cls,
			call,
			result
		});
	const invoke = (
		obj: PyValue,
		method: string,
		args: PyValue[],
		side: CallSide,
		shown?: string
	): PyValue => {
		const fn =
			obj instanceof PyInstance || obj instanceof PyClass ? obj.getAttr(method) : undefined;
		if (fn === undefined) throw new Error(`${show(obj)} has no method ${method}`);
		const result = session.callRaw(fn, args);
		const cls = obj instanceof PyInstance ? obj.cls.name : obj instanceof PyClass ? obj.name : '';
		record(side, method, cls, shown ?? `${method}(${args.map(show).join(', ')})`, show(result));
		return result;
	};

	// Query start: Spark instantiates the source with its options, asks its schema, and opens a
	// stream reader and a stream writer.
	let reader: PyValue = null;
	let writer: PyValue = null;
	let columns: string[] = [];
	const open = () => {
		const src = session.callRaw(sourceCls, [optionsDict(started.source.options)]);
		record('driver', '__init__', sourceCls.name, `${sourceCls.name}(options)`, show(src));
		const schema = invoke(src, 'schema', [], 'driver');
		columns = (typeof schema === 'string' ? (parseDdlSchema(schema) ?? []) : []).map((f) => f.name);
		reader = invoke(src, 'streamReader', [schema], 'driver', `streamReader(${show(schema)})`);
		const sink =
			sinkCls === sourceCls && started.sink.options === started.source.options
				? src
				: session.callRaw(sinkCls, [optionsDict(started.sink.options)]);
		writer = invoke(
			sink,
			'streamWriter',
			[schema, false],
			'driver',
			`streamWriter(${show(schema)}, False)`
		);
	};

	let pendingReplay: number | null = null;
	let crashedAt: number | null = null;
	let lastEnd: PyValue = null;

	const runBatch = (id: number, start: PyValue, endOffset: PyValue, now: number): void => {
		const before = new Map(fs.files);
		const openedBefore = fs.opened.length;
		const parts = itemsOf(invoke(reader, 'partitions', [start, endOffset], 'driver'));
		const rowsPer: number[] = [];
		const rows: string[] = [];
		const messages: PyValue[] = [];
		for (const p of parts) {
			// Spark turns each tuple read() yields into a Row of the source's schema.
			const read = itemsOf(invoke(reader, 'read', [p], 'executor')).map((r) =>
				r instanceof PyTuple
					? new PyRow(
							columns.length === r.items.length ? columns : r.items.map((_, i) => `_${i + 1}`),
							r.items
						)
					: r
			);
			rowsPer.push(read.length);
			for (const r of read) rows.push(show(r));
			messages.push(
				invoke(
					writer,
					'write',
					[new PyIterable(read, 'iterator')],
					'executor',
					`write(iterator of ${read.length} rows)`
				)
			);
		}
		invoke(
			writer,
			'commit',
			[messages, id],
			'driver',
			`writer.commit([${messages.map(show).join(', ')}], ${id})`
		);
		const crash =
			world.failAtBatch === id && attempt === 0 && world.failurePhase === 'afterSinkBeforeCommit';
		if (!crash) {
			committed.add(id);
			record('checkpoint', `commits/${id}`, '', `commits/${id}`, '{"nextBatchWatermarkMs":0}');
		}
		const first = firstRows.get(id);
		let differing = 0;
		if (first === undefined) firstRows.set(id, rows);
		else {
			for (let i = 0; i < Math.max(first.length, rows.length); i++)
				if (first[i] !== rows[i]) differing++;
		}
		batches.push({
			batchId: id,
			attempt,
			triggerMs: now,
			start: show(start),
			end: show(endOffset),
			partitions: parts.map(show),
			rowsPerPartition: rowsPer,
			rows: rows.length,
			sample: rows.slice(0, 4),
			offsetLog: offsetLogText(now, endOffset),
			committed: !crash,
			differingRows: differing,
			files: Object.fromEntries(fs.files),
			rewritten: [...fs.files]
				.filter(([p]) => before.has(p) && fs.opened.slice(openedBefore).includes(p))
				.map(([path, after]) => ({ path, before: before.get(path) ?? '', after }))
		});
		if (crash) throw new QueryCrash();
	};

	const trigger = (now: number): number | null => {
		clock = now;
		if (crashedAt !== null) {
			if (now < crashedAt + world.downMs) return null;
			restarts.push({ stopMs: crashedAt, startMs: now });
			crashedAt = null;
			attempt = 1;
			record('query', 'restart', '', 'query restarted from its checkpoint', '');
			open();
			const id = pendingReplay;
			pendingReplay = null;
			const logged = id === null ? undefined : offsetLog.get(id);
			if (id !== null && logged) {
				batchId = id;
				// Batch 0's start is not in the log: a replay asks initialOffset() again.
				const start = id === 0 ? invoke(reader, 'initialOffset', [], 'driver') : logged.start;
				runBatch(id, start, logged.end, now);
				attempt = 0;
				return id;
			}
			attempt = 0;
		}
		const id = batchId + 1;
		batchId = id;
		const latest = invoke(reader, 'latestOffset', [], 'driver');
		// A new query always runs batch 0 (nothing is committed yet, even when the range is
		// empty); later, no new offset means no batch (isNewDataAvailable).
		if (id > 0 && show(latest) === show(lastEnd)) {
			batchId = id - 1;
			calls.pop();
			return null;
		}
		const previousEnd = lastEnd;
		offsetLog.set(id, { start: previousEnd, end: latest });
		lastEnd = latest;
		record('checkpoint', `offsets/${id}`, '', `offsets/${id}`, show(latest));
		if (id > 0) {
			const prev = offsetLog.get(id - 1);
			if (prev) invoke(reader, 'commit', [prev.end], 'driver', `reader.commit(${show(prev.end)})`);
		}
		if (world.failAtBatch === id && world.failurePhase === 'afterOffsetLog') {
			batches.push({
				batchId: id,
				attempt: 0,
				triggerMs: now,
				start: id === 0 ? '' : show(previousEnd),
				end: show(latest),
				partitions: [],
				rowsPerPartition: [],
				rows: 0,
				sample: [],
				offsetLog: offsetLogText(now, latest),
				committed: false,
				differingRows: 0,
				files: Object.fromEntries(fs.files),
				rewritten: []
			});
			throw new QueryCrash();
		}
		// runBatch: offsets/0 holds only the end; batch 0's start is the source's initialOffset(),
		// asked now, after latestOffset() (as Spark 4.1 calls them).
		const start = id === 0 ? invoke(reader, 'initialOffset', [], 'driver') : previousEnd;
		offsetLog.set(id, { start, end: latest });
		runBatch(id, start, latest, now);
		return id;
	};

	batchId = -1;
	try {
		open();
	} catch (e) {
		return { ok: false, error: session.toError(e) };
	}
	const loop = new MicroBatchLoop<number>(
		{
			runTrigger: (now) => {
				if (failure) return null;
				try {
					return trigger(now);
				} catch (e) {
					if (e instanceof QueryCrash) {
						crashes.push({ atMs: now, batchId, phase: world.failurePhase });
						record(
							'query',
							'crash',
							'',
							`the query crashed (${world.failurePhase === 'afterOffsetLog' ? 'after offsets/' : 'after the sink commit, before commits/'}${batchId})`,
							''
						);
						crashedAt = now;
						pendingReplay = committed.has(batchId) ? null : batchId;
						return null;
					}
					failure = { atMs: now, error: session.toError(e) };
					return null;
				}
			},
			stopped: () => failure !== null
		},
		{
			trigger:
				started.intervalMs > 0
					? { kind: 'processingTime', intervalMs: started.intervalMs }
					: { kind: 'default', intervalMs: 0 },
			epochOffsetMs: 0,
			untilMs: world.runMs,
			cost: { batchMs: () => 0, idleMs: started.intervalMs > 0 ? 0 : 100 }
		},
		0
	);
	for (let guard = 0; loop.wakeAt !== null && guard < 10_000; guard++) loop.step(loop.wakeAt);
	const f = failure as ProtocolRun['failure'];
	return {
		ok: true,
		value: {
			sourceName: started.source.format,
			sinkName: started.sink.format,
			intervalMs: started.intervalMs,
			calls,
			batches,
			crashes,
			restarts,
			methodLines: methodLinesOf(session),
			loadLine: lines.pos(started.source.at).line,
			startLine: lines.pos(started.sink.at).line,
			failure: f,
			endMs: f ? Math.min(world.runMs, f.atMs + 2000) : world.runMs
		}
	};
}

/** offsets/N: the version line, the batch metadata, the source's offset JSON. */
function offsetLogText(now: number, end: PyValue): string {
	const meta = { batchWatermarkMs: 0, batchTimestampMs: now, conf: {} };
	return ['v1', JSON.stringify(meta), show(end)].join('\n');
}
