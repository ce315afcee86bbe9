/**
 * Input edits that come from outside the page (a share link) checked against the input they
 * will be applied to, in order, as `applyInputEdits` would meet them: an edit naming a record or
 * stream that input does not have, a key its stream never uses, or a time out of range is
 * dropped with the reason. What is kept applies with nothing skipped, so the page shows exactly
 * the edits it says it loaded.
 */
import type { EventTimeInput } from './event-time/question';
import { editTimeLimitMs, streamKeys, userIdNumber, type InputEdit } from './input-edits';

export interface DroppedEdit {
	/** Position of the edit in the list checked (0-based). */
	readonly index: number;
	/** Why, as the end of a sentence: "there is no record “events-99” in this input". */
	readonly why: string;
}

export interface CheckedEdits {
	readonly edits: readonly InputEdit[];
	readonly dropped: readonly DroppedEdit[];
}

export function checkInputEdits(input: EventTimeInput, edits: readonly InputEdit[]): CheckedEdits {
	const limitMs = editTimeLimitMs(input);
	const keys = new Map(input.streams.map((s) => [s.name, streamKeys(s)]));
	// Record id → its stream and current event time, as the edits so far leave them.
	const live = new Map<string, { stream: string; eventTimeMs: number }>();
	for (const s of input.streams) {
		for (const e of s.events) live.set(e.id, { stream: s.name, eventTimeMs: e.eventTimeMs });
	}
	const kept: InputEdit[] = [];
	const dropped: DroppedEdit[] = [];
	const range = `0–${limitMs / 1000} s`;
	const inRange = (ms: number) => Number.isSafeInteger(ms) && ms >= 0 && ms <= limitMs;

	edits.forEach((edit, index) => {
		const why = problem(edit);
		if (why) dropped.push({ index, why });
		else kept.push(edit);
	});
	return { edits: kept, dropped };

	function problem(edit: InputEdit): string | null {
		if (edit.kind === 'add') {
			if (!keys.has(edit.stream)) return `this input has no stream “${edit.stream}”`;
			if (userIdNumber(edit.id, edit.stream) === null) {
				return `“${edit.id}” is not the id of an added record`;
			}
			if (live.has(edit.id)) return `record “${edit.id}” already exists`;
			if (!inRange(edit.arrivalMs) || !inRange(edit.eventTimeMs)) {
				return `its times (arrival ${secs(edit.arrivalMs)}, event time ${secs(edit.eventTimeMs)}) are outside ${range}`;
			}
			live.set(edit.id, { stream: edit.stream, eventTimeMs: edit.eventTimeMs });
			return null;
		}
		const record = live.get(edit.id);
		if (!record) return `there is no record “${edit.id}” in this input`;
		if (edit.kind === 'delete') {
			live.delete(edit.id);
			return null;
		}
		if (edit.kind === 'rekey') {
			const allowed = keys.get(record.stream) ?? [];
			if (!allowed.includes(edit.key)) {
				return `“${edit.key}” is not a key of stream “${record.stream}” (${allowed.join(', ')})`;
			}
			return null;
		}
		if (!Number.isSafeInteger(edit.deltaMs) || Math.abs(edit.deltaMs) > limitMs) {
			return `a nudge of ${secs(edit.deltaMs)} is out of range (at most ±${limitMs / 1000} s)`;
		}
		record.eventTimeMs = Math.min(limitMs, Math.max(0, record.eventTimeMs + edit.deltaMs));
		return null;
	}
}

function secs(ms: number): string {
	return Number.isFinite(ms) ? `${ms / 1000} s` : String(ms);
}
