/**
 * Runs a page's PySpark program on the Structured Streaming engine over the page's simulated
 * Kafka input, and turns the engine's trace into what the event-time views draw (EtRun). Every
 * fact here comes from an engine event: which batch read a row (rowsArrived), what the late
 * filter dropped (rowsDroppedLate), each window's aggregate (windowUpdated), its eviction
 * (stateEvicted), the sink's rows (rowsEmitted), the watermarks (batchPlanned, commitLogWritten).
 */
import { userMessage, type Result } from '../../core/errors';
import type { DataType, StructField, Value } from '../../structured/expr/ast';
import { windowsFor } from '../../structured/expr/index';
import {
	prepareQuery,
	simulate,
	type AnalyzedQuery,
	type QueryError
} from '../../structured/index';
import { sourceName } from '../../structured/runtime/physical';
import type { Arrival } from '../../structured/runtime/run';
import type { EventTimeInput, SimEvent } from './question';
import type { EtBatch, EtEvent, EtRun, EtWindow, EtWindowUpdate } from './frames';
import { matchInputs, windowSpecOf, type InputMatch } from './structured-inputs';
import { codeSpansOf } from './code-spans';
import { DroppedRows, firstEmission, WindowsByStart } from './run-index';
import { maxOf } from '../../core/arrays';

export interface EventTimeRunOptions {
	readonly input: EventTimeInput;
	readonly kafkaValue: (e: SimEvent) => string;
}

/** Modelled batch duration: a fixed cost plus a per-row cost, kept inside the trigger interval
 *  (these pages are about event time, not load; SIM-1 shows overruns). */
const batchDuration = (intervalMs: number) => (rows: number) =>
	Math.min(Math.max(50, intervalMs * 0.6), 120 + rows * 2);

export function runEventTimeProgram(
	code: string,
	{ input, kafkaValue }: EventTimeRunOptions
): Result<EtRun, QueryError> {
	const prepared = prepareQuery(code, {});
	if (!prepared.ok) return prepared;
	const q = prepared.value;
	const matched = matchInputs(q, input);
	if (!matched.ok) return matched;
	const arrivals = toArrivals(matched.value, input, kafkaValue);
	let trace;
	try {
		trace = simulate(q, arrivals, {
			untilMs: input.runLengthMs,
			triggerIntervalMs: input.triggerIntervalMs,
			batchDurationMs: batchDuration(input.triggerIntervalMs)
		});
	} catch (e) {
		const at = q.write.at;
		return {
			ok: false,
			error: { line: at.line, column: at.column, message: userMessage(e) }
		};
	}
	return { ok: true, value: toRun(q, matched.value, input, trace.events) };
}

function toArrivals(
	matches: readonly InputMatch[],
	input: EventTimeInput,
	kafkaValue: (e: SimEvent) => string
): Arrival[] {
	const out: Arrival[] = [];
	for (const m of matches) {
		m.stream.events.forEach((e, offset) => {
			const timestampUs = (input.epochOffsetMs + e.arrivalMs) * 1000;
			out.push({
				atMs: e.arrivalMs,
				source: sourceName(m.source),
				rows: [[e.key, kafkaValue(e), m.stream.topic, 0, offset, timestampUs, 0]]
			});
		});
	}
	return out;
}

type TraceEvent = ReturnType<typeof simulate>['events'][number];
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type BatchDraft = Mutable<EtBatch> & { output: Value[][] };

function toRun(
	q: AnalyzedQuery,
	matches: readonly InputMatch[],
	input: EventTimeInput,
	trace: readonly TraceEvent[]
): EtRun {
	const epoch = input.epochOffsetMs;
	const virtualWm = (ms: number) => (ms > 0 ? ms - epoch : Number.NEGATIVE_INFINITY);
	const toView = viewConverter(q.schema, epoch);
	const batches: BatchDraft[] = [];
	const batchOf = new Map<string, number>();
	const droppedGroups = new Map<number, Value[][]>();
	const agg = [...q.statefulOperators]
		.reverse()
		.find((o) => o.kind === 'aggregate' || o.kind === 'session');
	const firstOp = q.statefulOperators[0];
	const windows = new Map<
		string,
		{
			w: Omit<EtWindow, 'updates' | 'emittedBatch' | 'evictedBatch' | 'mergedBatch'>;
			updates: EtWindowUpdate[];
			evicted: number | null;
			merged: number | null;
		}
	>();
	const groupNames = agg
		? nodeSchema(q, agg.nodeId)
				.slice(0, agg.groupBy?.length ?? 0)
				.map((f) => f.name)
		: [];

	let current: BatchDraft | null = null;
	for (const { atMs, event: ev } of trace) {
		switch (ev.type) {
			case 'batchPlanned':
				current = {
					batchId: ev.batchId,
					startMs: atMs,
					endMs: atMs,
					watermarkMs: virtualWm(ev.batchWatermarkMs),
					nextWatermarkMs: virtualWm(ev.batchWatermarkMs),
					numInputRows: 0,
					numRowsDroppedByWatermark: 0,
					numStateRows: 0,
					noData: ev.noData,
					output: []
				};
				batches.push(current);
				break;
			case 'rowsArrived': {
				const m = matches.find((x) => sourceName(x.source) === ev.source);
				for (const r of ev.rows) {
					const e = m?.stream.events[r[4] as number];
					if (e) batchOf.set(e.id, ev.batchId);
				}
				break;
			}
			case 'rowsDroppedLate':
				if (ev.operatorId === firstOp?.id)
					droppedGroups.set(
						ev.batchId,
						ev.rows.map((r) => [...r])
					);
				break;
			case 'windowUpdated':
			case 'stateEvicted':
			case 'sessionsMerged':
				if (ev.operatorId !== agg?.id) break;
				for (const r of ev.rows) {
					const keyCells = r.slice(0, groupNames.length);
					const id = JSON.stringify(keyCells);
					let entry = windows.get(id);
					if (!entry) {
						const win = keyCells.find(isWindow) as { start: Value; end: Value } | undefined;
						if (!win) continue;
						const rest = keyCells.filter((c) => !isWindow(c)).map(String);
						entry = {
							w: {
								id,
								key: rest.join(' · ') || 'all',
								startMs: (win.start as number) / 1000 - epoch,
								endMs: (win.end as number) / 1000 - epoch
							},
							updates: [],
							evicted: null,
							merged: null
						};
						windows.set(id, entry);
					}
					if (ev.type === 'stateEvicted') entry.evicted = ev.batchId;
					else if (ev.type === 'sessionsMerged') entry.merged = ev.batchId;
					else entry.updates.push(aggLabel(ev.batchId, r.slice(groupNames.length)));
				}
				break;
			case 'rowsEmitted':
				if (current) for (const r of ev.rows) current.output.push(toView(r));
				break;
			case 'commitLogWritten':
				if (current) current.nextWatermarkMs = virtualWm(ev.entry.nextBatchWatermarkMs);
				if (current) current.committed = true;
				break;
			case 'offsetLogWritten':
				// offsets/N names sources by the engine's name; the page knows them by topic.
				if (current) current.offsetLog = topicOffsets(matches, ev.entry.offsets);
				break;
			case 'progress': {
				const p = ev.progress;
				if (!current) break;
				current.numInputRows = p.numInputRows;
				current.endMs = current.startMs + (p.durationMs['triggerExecution'] ?? 0);
				current.numStateRows = p.stateOperators.reduce((n, s) => n + s.numRowsTotal, 0);
				current.numRowsDroppedByWatermark = p.stateOperators.reduce(
					(n, s) => n + s.numRowsDroppedByWatermark,
					0
				);
				// Kept whole for the progress charts and the state-store view.
				current.progress = p;
				break;
			}
			default:
				break;
		}
	}

	const spec = agg ? windowSpecOf(q, agg) : null;
	const allEvents = matches.flatMap((m) =>
		m.stream.events.map((e) => ({ e, stream: m.stream.name }))
	);
	// Windows by each part of their key, by start time: scanning every window of a key for
	// every event grew with the run (an hour at 200 events/s took minutes).
	type Entry = typeof windows extends Map<string, infer W> ? W : never;
	const byKeyPart = new Map<string, WindowsByStart<Entry['w']>>();
	const entryOf = new Map<Entry['w'], Entry>();
	for (const x of windows.values()) {
		entryOf.set(x.w, x);
		for (const part of new Set(x.w.key.split(' · '))) {
			let list = byKeyPart.get(part);
			if (!list) byKeyPart.set(part, (list = new WindowsByStart()));
			list.add(x.w);
		}
	}
	// A session that merged into a larger one is not where the row ended up.
	const unmerged = (w: Entry['w']) => entryOf.get(w)?.merged === null;
	const droppedIn = new Map<number, DroppedRows>();
	for (const [batchId, rows] of droppedGroups) droppedIn.set(batchId, new DroppedRows(rows));
	const events: EtEvent[] = allEvents.map(({ e, stream }) => {
		const batchId = batchOf.get(e.id) ?? null;
		const tUs = (epoch + e.eventTimeMs) * 1000;
		const mine = (byKeyPart.get(e.key)?.holding(e.eventTimeMs, unmerged) ?? []).map((w) => w.id);
		const late = batchId === null ? undefined : droppedIn.get(batchId);
		const dropped = late !== undefined && isDropped(e, tUs, late, spec);
		return {
			id: e.id,
			stream,
			key: e.key,
			eventTimeMs: e.eventTimeMs,
			arrivalMs: e.arrivalMs,
			batchId,
			dropped,
			windows: dropped ? [] : mine
		};
	});

	const emitted = q.outputMode === 'append' ? firstEmission(batches) : null;
	const out: EtWindow[] = [...windows.values()].map(({ w, updates, evicted, merged }) => ({
		...w,
		updates,
		evictedBatch: evicted,
		mergedBatch: merged,
		emittedBatch: emitted ? emitted(w.startMs, w.endMs) : null
	}));
	const delay = q.watermarks[0]?.delayMs ?? null;
	return {
		events,
		batches,
		windows: out,
		outputColumns: q.schema.map((f) => f.name),
		outputMode: q.outputMode,
		delayMs: delay,
		endMs: Math.max(input.runLengthMs, maxOf(batches.map((b) => b.endMs))),
		spans: codeSpansOf(q)
	};
}

/** offsets/N keyed by the topic each source reads. */
function topicOffsets(
	matches: readonly InputMatch[],
	offsets: Readonly<Record<string, number>>
): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [name, offset] of Object.entries(offsets)) {
		const m = matches.find((x) => sourceName(x.source) === name);
		out[m?.stream.topic ?? name] = offset;
	}
	return out;
}

function nodeSchema(q: AnalyzedQuery, nodeId: number): readonly StructField[] {
	const stack = [q.root];
	while (stack.length > 0) {
		const n = stack.pop()!;
		if (n.id === nodeId) return n.schema;
		stack.push(...n.children);
	}
	return [];
}

const isWindow = (v: unknown): v is { start: Value; end: Value } =>
	v !== null && typeof v === 'object' && !Array.isArray(v) && 'start' in v && 'end' in v;

function aggLabel(batchId: number, values: readonly Value[]): EtWindowUpdate {
	const nums = values.filter((v): v is number => typeof v === 'number');
	return {
		batchId,
		count: nums[0] ?? 0,
		label: values
			.map((v) =>
				typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : String(v)
			)
			.join(' · ')
	};
}

/** Did the late filter drop this event? Aggregations report the late groups (window + keys);
 *  other operators report raw rows, matched by the event's key and event time. */
function isDropped(
	e: SimEvent,
	tUs: number,
	dropped: DroppedRows,
	spec: { durationUs: number; slideUs: number; startUs: number } | null
): boolean {
	if (dropped.empty) return false;
	if (spec) {
		const mine = windowsFor(tUs, spec.durationUs, spec.slideUs, spec.startUs);
		return mine.every((w) => dropped.hasGroup(w.start, w.end, e.key));
	}
	return dropped.hasRow(tUs, e.key);
}

/** Sink rows for display: timestamps (µs) become virtual seconds, windows likewise. */
function viewConverter(
	schema: readonly StructField[],
	epochMs: number
): (r: readonly Value[]) => Value[] {
	const conv = (t: DataType, v: Value): Value => {
		if (v === null) return null;
		if (t.kind === 'timestamp') return ((v as number) / 1000 - epochMs) / 1000;
		if (t.kind === 'struct' && typeof v === 'object' && !Array.isArray(v)) {
			const o: Record<string, Value> = {};
			for (const f of t.fields)
				o[f.name] = conv(f.type, (v as Record<string, Value>)[f.name] ?? null);
			return o;
		}
		return v;
	};
	return (r) => r.map((v, i) => conv(schema[i]?.type ?? { kind: 'null' }, v));
}
