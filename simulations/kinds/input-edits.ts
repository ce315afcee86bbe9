/**
 * The reader's edits to an event-time page's input: add a record, nudge its event time, change
 * its key, delete it. Event time is a column of the data and arrival is separate (SPARK-SEMANTICS
 * R2), so an edit changes only the record; what is late is still decided by the engine on replay.
 * Pure and deterministic: the same generated input and edit list always give the same input.
 */
import type { EventTimeInput, SimEvent, SourceStream } from './event-time/question';
import type { EventTimeMs, ProcTimeMs } from '../core/time';

export type InputEdit =
	| {
			readonly kind: 'add';
			/** `<stream>-user-<n>`, fixed when the edit is made so later edits can name it. */
			readonly id: string;
			readonly stream: string;
			readonly arrivalMs: number;
			readonly eventTimeMs: number;
	  }
	| { readonly kind: 'move'; readonly id: string; readonly deltaMs: number }
	| { readonly kind: 'rekey'; readonly id: string; readonly key: string }
	| { readonly kind: 'delete'; readonly id: string };

export interface EditedInput {
	readonly input: EventTimeInput;
	/** Ids of the records the edits added or changed (deleted ones are gone). */
	readonly edited: ReadonlySet<string>;
	/** Edits naming a record or stream this input does not have (e.g. after a parameter
	 *  removed a stream): skipped, counted for a notice. */
	readonly skipped: number;
}

/** The id the next 'add' to `stream` gets: ids are never reused, even after a delete (one past
 *  the highest number used, so a list read from a link with a gap cannot collide either). */
export function nextUserId(edits: readonly InputEdit[], stream: string): string {
	let n = 0;
	for (const e of edits) {
		if (e.kind === 'add' && e.stream === stream) n = Math.max(n, userIdNumber(e.id, stream) ?? 0);
	}
	return `${stream}-user-${n + 1}`;
}

/** `n` of a record id `<stream>-user-<n>`, else null. */
export function userIdNumber(id: string, stream: string): number | null {
	const prefix = `${stream}-user-`;
	if (!id.startsWith(prefix)) return null;
	const n = id.slice(prefix.length);
	return /^[1-9]\d{0,8}$/.test(n) ? Number(n) : null;
}

/**
 * The latest arrival or event time an edit may give a record: twice the run's length. Far enough
 * ahead to push the watermark past every window of the run, yet bounded, so the plot's axis
 * (which stretches to the latest event time) keeps the run readable and a link stays exact.
 */
export function editTimeLimitMs(input: EventTimeInput): number {
	return 2 * input.runLengthMs;
}

/** Ids an edit list added or changed and did not delete afterwards (known without the input,
 *  so the plot can ring them while the engine is still to run). */
export function editedIds(edits: readonly InputEdit[]): Set<string> {
	const out = new Set<string>();
	for (const e of edits) {
		if (e.kind === 'delete') out.delete(e.id);
		else out.add(e.id);
	}
	return out;
}

/** The keys a record of this stream can take, in a fixed order (for cycling with `k`). */
export function streamKeys(stream: SourceStream): string[] {
	return [...new Set(stream.events.map((e) => e.key))].sort();
}

/** The key after `key` among the stream's keys, wrapping round. */
export function nextKey(keys: readonly string[], key: string): string {
	const i = keys.indexOf(key);
	return keys[(i + 1) % keys.length] ?? key;
}

export function applyInputEdits(input: EventTimeInput, edits: readonly InputEdit[]): EditedInput {
	const streams = new Map(input.streams.map((s) => [s.name, [...s.events]]));
	const edited = new Set<string>();
	let skipped = 0;
	const find = (id: string): { list: SimEvent[]; at: number } | null => {
		for (const list of streams.values()) {
			const at = list.findIndex((e) => e.id === id);
			if (at >= 0) return { list, at };
		}
		return null;
	};
	const limitMs = editTimeLimitMs(input);
	for (const edit of edits) {
		if (edit.kind === 'add') {
			const list = streams.get(edit.stream);
			if (!list || find(edit.id)) {
				skipped++;
				continue;
			}
			list.push(addedEvent(list, edit, limitMs));
			edited.add(edit.id);
			continue;
		}
		const hit = find(edit.id);
		if (!hit) {
			skipped++;
			continue;
		}
		const e = hit.list[hit.at] as SimEvent;
		if (edit.kind === 'delete') {
			hit.list.splice(hit.at, 1);
			edited.delete(edit.id);
			continue;
		}
		hit.list[hit.at] =
			edit.kind === 'move'
				? // Event time before the run's start is outside every view's axis: stop at 0.
					{ ...e, eventTimeMs: clampTime(e.eventTimeMs + edit.deltaMs, limitMs) as EventTimeMs }
				: { ...e, key: edit.key };
		edited.add(edit.id);
	}
	const out = input.streams.map((s) => ({
		...s,
		events: (streams.get(s.name) ?? []).sort(byArrival)
	}));
	return { input: { ...input, streams: out }, edited, skipped };
}

/** Kafka offsets follow arrival order; the generator's order is arrival, then id. */
function byArrival(a: SimEvent, b: SimEvent): number {
	return a.arrivalMs - b.arrivalMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A new record looks like its neighbour in arrival (key, reading, other fields), so only time
 *  is new. */
function addedEvent(
	list: readonly SimEvent[],
	edit: Extract<InputEdit, { kind: 'add' }>,
	limitMs: number
): SimEvent {
	let near: SimEvent | undefined;
	for (const e of list) {
		if (!near || Math.abs(e.arrivalMs - edit.arrivalMs) < Math.abs(near.arrivalMs - edit.arrivalMs))
			near = e;
	}
	// A stream deduplicated by event id (advanced-07) needs one: a new record is a new event.
	const eventId = list.some((e) => e.eventId !== undefined) ? { eventId: edit.id } : {};
	return {
		stream: edit.stream,
		id: edit.id,
		arrivalMs: clampTime(edit.arrivalMs, limitMs) as ProcTimeMs,
		eventTimeMs: clampTime(edit.eventTimeMs, limitMs) as EventTimeMs,
		key: near?.key ?? 'user',
		reading: near?.reading ?? 1,
		delayed: false,
		...eventId,
		// advanced-15's card country or sensor site: a new payment is the neighbour's card's.
		...(near?.fields ? { fields: near.fields } : {})
	};
}

function clampTime(ms: number, limitMs: number): number {
	return Math.min(limitMs, Math.max(0, ms));
}
