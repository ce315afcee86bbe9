/**
 * Runs a page's PySpark program on the Structured Streaming engine over the page's simulated
 * Kafka input, and turns the engine's trace into what the event-time views draw (EtRun). Every
 * fact here comes from an engine event: which batch read a row (rowsArrived), what the late
 * filter dropped (rowsDroppedLate), each window's aggregate (windowUpdated), its eviction
 * (stateEvicted), the sink's rows (rowsEmitted), the watermarks (batchPlanned, commitLogWritten).
 */
import type { SourceOffset } from '../../structured/runtime/stream-inputs';
import { userMessage, type Result } from '../../core/errors';
import type { DataType, StructField, Value } from '../../structured/expr/ast';
import { windowsFor } from '../../structured/expr/index';
import {
	prepareQuery,
	simulate,
	type AnalyzedQuery,
	type QueryError
} from '../../structured/index';
import type { AnalyzedNode } from '../../structured/analyzer/types';
import { sourceName } from '../../structured/runtime/physical';
import type { Arrival } from '../../structured/runtime/run';
import type { EventTimeInput, SimEvent } from './question';
import type {
	EtBatch,
	EtEvent,
	EtInputWatermark,
	EtJoin,
	EtJoinRow,
	EtRun,
	EtWindow,
	EtWindowUpdate
} from './frames';
import type { JoinTrace } from '../../structured/operators/join';
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
			batchDurationMs: batchDuration(input.triggerIntervalMs),
			epochOffsetMs: input.epochOffsetMs
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
	const duplicateGroups = new Map<number, Value[][]>();
	const joinTraces: { batchId: number; trace: JoinTrace }[] = [];
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

	const wmStreams = watermarkStreams(q, matches);
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
			case 'joinStateChanged':
				joinTraces.push({ batchId: ev.batchId, trace: ev.trace });
				break;
			case 'rowsDeduplicated': {
				const list = duplicateGroups.get(ev.batchId) ?? [];
				for (const r of ev.rows) list.push([...r]);
				duplicateGroups.set(ev.batchId, list);
				break;
			}
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
			case 'inputWatermarks':
				if (current) current.inputWatermarks = inputWatermarksOf(wmStreams, ev.perNodeMs, epoch);
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
	const duplicates = duplicateIds(allEvents, batchOf, duplicateGroups, epoch);
	// A session that merged into a larger one is not where the row ended up.
	const unmerged = (w: Entry['w']) => entryOf.get(w)?.merged === null;
	const droppedIn = new Map<number, DroppedRows>();
	for (const [batchId, rows] of droppedGroups) droppedIn.set(batchId, new DroppedRows(rows));
	const events: EtEvent[] = allEvents.map(({ e, stream }) => {
		const batchId = batchOf.get(e.id) ?? null;
		const tUs = (epoch + e.eventTimeMs) * 1000;
		const mine = (byKeyPart.get(e.key)?.holding(e.eventTimeMs, unmerged) ?? []).map((w) => w.id);
		const duplicate = duplicates.has(e.id);
		const late = batchId === null ? undefined : droppedIn.get(batchId);
		const dropped = !duplicate && late !== undefined && isDropped(e, tUs, late, spec);
		return {
			id: e.id,
			stream,
			key: e.key,
			eventTimeMs: e.eventTimeMs,
			arrivalMs: e.arrivalMs,
			batchId,
			dropped,
			...(duplicate ? { duplicate } : {}),
			windows: dropped || duplicate ? [] : mine
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
		spans: codeSpansOf(q),
		...(joinTraces.length > 0 ? { join: joinOf(q, matches, joinTraces, epoch) } : {})
	};
}

/** The join's buffers, row by row: the engine's rows matched back to the events by key and
 *  event time (each side reads one stream). */
function joinOf(
	q: AnalyzedQuery,
	matches: readonly InputMatch[],
	traces: readonly { batchId: number; trace: JoinTrace }[],
	epochMs: number
): EtJoin | undefined {
	const op = q.statefulOperators.find((o) => o.kind === 'join');
	const node = op && findNode(q.root, op.nodeId);
	const streamOf = (n: AnalyzedNode | undefined) => {
		const s = n && firstSource(n);
		return matches.find((m) => s && m.source.id === s.id)?.stream;
	};
	const left = streamOf(node?.children[0]);
	const right = streamOf(node?.children[1]);
	if (!left || !right) return undefined;
	const index = (events: readonly SimEvent[]) => {
		const m = new Map<string, string[]>();
		for (const e of events) {
			const k = `${e.key}|${(epochMs + e.eventTimeMs) * 1000}`;
			const list = m.get(k);
			if (list) list.push(e.id);
			else m.set(k, [e.id]);
		}
		return m;
	};
	const idx = { left: index(left.events), right: index(right.events) };
	/** The event a row came from: a row holds its key and its event time (µs). */
	const idOf = (side: 'left' | 'right', r: readonly Value[]): string | undefined => {
		const times = r.filter((v): v is number => typeof v === 'number');
		for (const t of times)
			for (const v of r) {
				const hit = idx[side].get(`${String(v)}|${t}`);
				if (hit) return hit[0];
			}
		return undefined;
	};
	const rows = new Map<string, Mutable<EtJoinRow>>();
	const rowOf = (side: 'left' | 'right', r: readonly Value[]) => {
		const id = idOf(side, r);
		if (id === undefined) return undefined;
		let row = rows.get(id);
		if (!row)
			rows.set(id, (row = { id, side, storedBatch: null, evictedBatch: null, nullBatch: null }));
		return row;
	};
	const pairs: { left: string; right: string; batchId: number }[] = [];
	const bounds: { batchId: number; left: number | null; right: number | null }[] = [];
	const virtual = (ms: number | null) => (ms === null || ms <= 0 ? null : ms - epochMs);
	for (const { batchId, trace } of traces) {
		for (const side of ['left', 'right'] as const) {
			const t = trace[side];
			for (const r of t.stored) {
				const row = rowOf(side, r);
				if (row && row.storedBatch === null) row.storedBatch = batchId;
			}
			for (const r of t.evicted) {
				const row = rowOf(side, r);
				if (row) row.evictedBatch = batchId;
			}
			for (const r of t.nulls) {
				const row = rowOf(side, r);
				if (row) row.nullBatch = batchId;
			}
		}
		for (const [l, r] of trace.pairs) {
			const a = idOf('left', l);
			const b = idOf('right', r);
			if (a && b) pairs.push({ left: a, right: b, batchId });
		}
		bounds.push({
			batchId,
			left: virtual(trace.left.boundMs),
			right: virtual(trace.right.boundMs)
		});
	}
	return { left: left.name, right: right.name, rows: [...rows.values()], pairs, bounds };
}

/** Each withWatermark node with the simulated stream under it, in the program's order. */
function watermarkStreams(
	q: AnalyzedQuery,
	matches: readonly InputMatch[]
): { nodeId: number; stream: string }[] {
	return q.watermarks.flatMap((w) => {
		const node = findNode(q.root, w.nodeId);
		const source = node && firstSource(node);
		const m = source && matches.find((x) => x.source.id === source.id);
		return m ? [{ nodeId: w.nodeId, stream: m.stream.name }] : [];
	});
}

function inputWatermarksOf(
	streams: readonly { nodeId: number; stream: string }[],
	perNodeMs: Readonly<Record<number, number>>,
	epochMs: number
): EtInputWatermark[] {
	return streams.map(({ nodeId, stream }) => {
		const ms = perNodeMs[nodeId];
		// Like the global value: an input without rows (or still at 1970) has no watermark yet.
		return { stream, ms: ms === undefined || ms <= 0 ? Number.NEGATIVE_INFINITY : ms - epochMs };
	});
}

function findNode(root: AnalyzedNode, id: number): AnalyzedNode | null {
	const stack = [root];
	while (stack.length > 0) {
		const n = stack.pop()!;
		if (n.id === id) return n;
		stack.push(...n.children);
	}
	return null;
}

function firstSource(n: AnalyzedNode): AnalyzedNode | null {
	if (n.plan.op === 'Source') return n;
	for (const c of n.children) {
		const s = firstSource(c);
		if (s) return s;
	}
	return null;
}

/** offsets/N keyed by the topic each source reads. */
function topicOffsets(
	matches: readonly InputMatch[],
	offsets: Readonly<Record<string, SourceOffset>>
): Record<string, SourceOffset> {
	const out: Record<string, SourceOffset> = {};
	for (const [name, offset] of Object.entries(offsets)) {
		const m = matches.find((x) => sourceName(x.source) === name);
		out[m?.stream.topic ?? name] = offset;
	}
	return out;
}

function nodeSchema(q: AnalyzedQuery, nodeId: number): readonly StructField[] {
	return findNode(q.root, nodeId)?.schema ?? [];
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

/** The events a deduplication dropped, matched to the engine's rows by key and event time.
 *  Within a batch the first row of a key is kept, so later arrivals take the matches first
 *  (a copy stamped with the same event time as its original is the one dropped). */
function duplicateIds(
	all: readonly { e: SimEvent }[],
	batchOf: ReadonlyMap<string, number>,
	groups: ReadonlyMap<number, Value[][]>,
	epochMs: number
): Set<string> {
	const out = new Set<string>();
	if (groups.size === 0) return out;
	const byBatch = new Map<number, SimEvent[]>();
	for (const { e } of all) {
		const b = batchOf.get(e.id);
		if (b === undefined || !groups.has(b)) continue;
		let list = byBatch.get(b);
		if (!list) byBatch.set(b, (list = []));
		list.push(e);
	}
	for (const [b, list] of byBatch) {
		const left = [...(groups.get(b) ?? [])];
		const late = [...list].sort((p, q) => q.arrivalMs - p.arrivalMs);
		for (const e of late) {
			const tUs = (epochMs + e.eventTimeMs) * 1000;
			const i = left.findIndex((r) => r.includes(tUs) && r.includes(e.key));
			if (i < 0) continue;
			left.splice(i, 1);
			out.add(e.id);
		}
	}
	return out;
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
