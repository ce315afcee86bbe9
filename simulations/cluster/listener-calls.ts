/**
 * A program's StreamingQueryListener, run: each callback of listener.ts's sequence is called on
 * every registered listener with the event PySpark 4.1 passes it (pyspark/sql/streaming/
 * listener.py: QueryStartedEvent id, runId, name, timestamp; QueryProgressEvent progress;
 * QueryIdleEvent id, runId, timestamp; QueryTerminatedEvent id, runId, exception,
 * errorClassOnException). `event.progress` is a StreamingQueryProgress: a dict (since 4.0) whose
 * attributes are its keys, stateOperators and sources lists of objects, durationMs and eventTime
 * plain dicts. What a callback print()s is kept with the call.
 *
 * A callback that raises does not stop the query: Spark's listener bus catches it and logs
 * "Listener … threw an exception" (ListenerBus.postToAll), so the next callbacks still run.
 */
import type { SourceError } from '../core/errors';
import { PyException, toSourceError } from '../python/errors';
import { PyDict, PyFloat, PyFunction, PyHost, pyKey, type PyValue } from '../python/values';
import type { ListenerCallback, ListenerEvent } from './listener';
import type { FullStreamingQueryProgress } from './progress';

export interface ListenerCall {
	/** A StreamingQueryListener's callback, or a DStream StreamingListener's onBatchCompleted. */
	readonly callback: ListenerCallback | 'onBatchCompleted';
	readonly atMs: number;
	readonly synchronous: boolean;
	readonly batchId?: number;
	/** What the callbacks print()ed, line by line. */
	readonly lines: readonly string[];
	/** The exception a callback raised (logged by Spark; the query goes on). */
	readonly error?: SourceError;
}

export interface QueryIdentity {
	readonly id: string;
	readonly runId: string;
	readonly name: string | null;
	readonly epochMs: number;
}

/** Keys whose values are Python floats (Spark writes them as decimals). */
const FLOAT_KEYS = new Set(['inputRowsPerSecond', 'processedRowsPerSecond']);

const raise = (t: string, m: string) => new PyException(t, m);

/** A JSON value as PySpark's fromJson builds it: dicts, lists, ints and floats. */
function plain(v: unknown, float = false): PyValue {
	if (v === null || v === undefined) return null;
	if (typeof v === 'boolean' || typeof v === 'string') return v;
	if (typeof v === 'number') return float || !Number.isInteger(v) ? new PyFloat(v) : v;
	if (Array.isArray(v)) return v.map((x) => plain(x));
	const d = new PyDict();
	for (const [k, x] of Object.entries(v as object))
		d.entries.set(pyKey(k, raise), [k, plain(x, FLOAT_KEYS.has(k))]);
	return d;
}

/** An object whose attributes are a record's fields (StateOperatorProgress, SourceProgress, …). */
class RecordHost extends PyHost {
	constructor(
		readonly typeName: string,
		private readonly fields: Readonly<Record<string, unknown>>,
		private readonly nested: Readonly<Record<string, (v: unknown) => PyValue>> = {},
		private readonly text?: string
	) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		if (!(name in this.fields)) return undefined;
		const v = this.fields[name];
		const f = this.nested[name];
		return f ? f(v) : plain(v, FLOAT_KEYS.has(name));
	}
	getItem(key: PyValue): PyValue | undefined {
		return typeof key === 'string' ? this.getAttr(key) : undefined;
	}
	reprText(): string | undefined {
		return this.text;
	}
}

/** uuid.UUID: str() and f-strings show the plain hex form. */
class UuidHost extends PyHost {
	readonly typeName = 'UUID';
	constructor(private readonly value: string) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		return name === 'hex' ? this.value.replace(/-/g, '') : undefined;
	}
	reprText(): string {
		return this.value;
	}
}

const list = (typeName: string) => (v: unknown) =>
	(v as readonly Record<string, unknown>[]).map((r) => new RecordHost(typeName, r));

function progressHost(p: FullStreamingQueryProgress, printed: string): PyHost {
	const fields = { ...p, eventTime: p.eventTime ?? {}, observedMetrics: {} };
	return new RecordHost(
		'StreamingQueryProgress',
		fields,
		{
			id: (v) => new UuidHost(String(v)),
			runId: (v) => new UuidHost(String(v)),
			stateOperators: list('StateOperatorProgress'),
			sources: list('SourceProgress'),
			sink: (v) => new RecordHost('SinkProgress', v as Record<string, unknown>)
		},
		printed
	);
}

function eventHost(
	e: ListenerEvent,
	q: QueryIdentity,
	progress: (batchId: number) => { p: FullStreamingQueryProgress; printed: string } | undefined
): PyHost {
	const ids = { id: new UuidHost(q.id), runId: new UuidHost(q.runId) };
	const ts = new Date(q.epochMs + e.atMs).toISOString();
	const fields: Record<string, PyValue> = { ...ids };
	let typeName = 'QueryStartedEvent';
	if (e.callback === 'onQueryStarted') Object.assign(fields, { name: q.name, timestamp: ts });
	else if (e.callback === 'onQueryIdle') {
		typeName = 'QueryIdleEvent';
		fields['timestamp'] = ts;
	} else if (e.callback === 'onQueryTerminated') {
		typeName = 'QueryTerminatedEvent';
		Object.assign(fields, { exception: null, errorClassOnException: null });
	} else {
		typeName = 'QueryProgressEvent';
		const found = e.batchId === undefined ? undefined : progress(e.batchId);
		fields['progress'] = found ? progressHost(found.p, found.printed) : null;
	}
	return new RecordHost(
		typeName,
		fields,
		Object.fromEntries(Object.keys(fields).map((k) => [k, (v: unknown) => v as PyValue]))
	);
}

/** Where a callback's prints go: the reader's print() writes to `stdout` while it is set. */
export interface PrintSink {
	stdout?: string[];
}

/**
 * Calls each event's callback on every listener, in order. `code` locates a callback's
 * exception in the program.
 */
export function callQueryListeners(
	listeners: readonly PyValue[],
	events: readonly ListenerEvent[],
	q: QueryIdentity,
	progress: (batchId: number) => { p: FullStreamingQueryProgress; printed: string } | undefined,
	sink: PrintSink,
	code: string
): ListenerCall[] {
	const out: ListenerCall[] = [];
	if (listeners.length === 0) return out;
	for (const e of events) {
		const lines: string[] = [];
		let error: SourceError | undefined;
		const event = eventHost(e, q, progress);
		sink.stdout = lines;
		for (const l of listeners) {
			const method = l instanceof PyHost ? l.getAttr(e.callback) : undefined;
			// The base class's no-op callbacks (a PyBuiltin) print nothing.
			if (!(method instanceof PyFunction)) continue;
			try {
				method.invoke([event], new Map());
			} catch (x) {
				const name = l instanceof PyHost ? l.typeName : 'listener';
				const err =
					x instanceof PyException
						? toSourceError(code, x)
						: { line: 1, column: 1, message: String(x) };
				error ??= { ...err, message: `Listener ${name} threw an exception: ${err.message}` };
			}
		}
		sink.stdout = undefined;
		out.push({
			callback: e.callback,
			atMs: e.atMs,
			synchronous: e.synchronous,
			...(e.batchId !== undefined ? { batchId: e.batchId } : {}),
			lines,
			...(error ? { error } : {})
		});
	}
	return out;
}
