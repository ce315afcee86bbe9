/**
 * The reader's input edits in a share link: `edits=1.<op>.<op>…`, a format version, then one op
 * per edit, fields joined by `_`:
 *
 *   a_<stream>-user-<n>_<arrivalMs>_<eventTimeMs>   add a record (its stream is in its id)
 *   m_<id>_<deltaMs>                                nudge a record's event time
 *   k_<id>_<key>                                    give it another key
 *   d_<id>                                          delete it
 *
 * Ids name records of the seeded input (`events-12`), stable for a seed, parameters and preset,
 * which the link also carries. Text escapes every character outside [A-Za-z0-9-] as `*` and two
 * hex digits per UTF-8 byte, so the whole value is made of characters a query keeps as they are.
 * Reading never throws: what cannot be read, or names what the input does not have, is dropped
 * with a notice (checkInputEdits).
 */
import { checkInputEdits, type DroppedEdit } from '$sim';
import type { InputEdit } from '$sim';
import type { EventTimeInput } from '$sim';

export const EDITS_KEY = 'edits';
const VERSION = '1';
/** Hundreds of edits fit; a link stays well under the ~8 KB browsers and servers accept. */
export const MAX_EDITS_CHARS = 3000;
/** Notices name this many dropped edits one by one, then sum up the rest. */
const NOTICES_NAMED = 3;

export type EncodedEdits =
	{ readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/** The `edits=` value for an edit list (callers omit the key for an empty list). */
export function encodeInputEdits(edits: readonly InputEdit[]): EncodedEdits {
	const ops: string[] = [];
	for (const e of edits) {
		if (e.kind === 'add') {
			// Ids of added records are `<stream>-user-<n>`, so the stream need not be written twice.
			if (!e.id.startsWith(`${e.stream}-user-`)) {
				return { ok: false, reason: `record “${e.id}” has an id a link cannot carry` };
			}
			ops.push(['a', text(e.id), int(e.arrivalMs), int(e.eventTimeMs)].join('_'));
		} else if (e.kind === 'move') ops.push(['m', text(e.id), int(e.deltaMs)].join('_'));
		else if (e.kind === 'rekey') ops.push(['k', text(e.id), text(e.key)].join('_'));
		else ops.push(['d', text(e.id)].join('_'));
	}
	const value = [VERSION, ...ops].join('.');
	if (value.length > MAX_EDITS_CHARS) {
		const why = `${edits.length} input edits take ${value.length} characters; a link holds ${MAX_EDITS_CHARS}`;
		return { ok: false, reason: why };
	}
	return { ok: true, value };
}

export interface DecodedEdits {
	readonly edits: readonly InputEdit[];
	/** One sentence per edit dropped (the first few by name, then a count). */
	readonly notices: readonly string[];
}

/** The edits an `edits=` value holds that apply to `input`; never throws. */
export function decodeInputEdits(raw: string, input: EventTimeInput): DecodedEdits {
	if (raw.length > MAX_EDITS_CHARS) {
		return refuse(
			`is ${raw.length} characters long, more than the ${MAX_EDITS_CHARS} a link holds`
		);
	}
	const [version, ...ops] = raw.split('.');
	if (raw.trim() === '' || version !== VERSION) {
		return refuse(`is not in a format this page reads (version ${VERSION})`);
	}
	const read: { at: number; edit: InputEdit }[] = [];
	const dropped: DroppedEdit[] = [];
	ops.forEach((op, at) => {
		const edit = parseOp(op, input);
		if (edit) read.push({ at, edit });
		else dropped.push({ index: at, why: `“${clip(op)}” is not an edit this page reads` });
	});
	const checked = checkInputEdits(
		input,
		read.map((r) => r.edit)
	);
	for (const d of checked.dropped) {
		dropped.push({ index: read[d.index]?.at ?? d.index, why: d.why });
	}
	dropped.sort((a, b) => a.index - b.index);
	return { edits: checked.edits, notices: describeDropped(dropped, ops.length) };
}

function refuse(why: string): DecodedEdits {
	return { edits: [], notices: [`The input edits in the link (“${EDITS_KEY}”) ${why}; ignored.`] };
}

function describeDropped(dropped: readonly DroppedEdit[], total: number): string[] {
	const named = dropped
		.slice(0, NOTICES_NAMED)
		.map((d) => `Input edit ${d.index + 1} of ${total} in the link was dropped: ${d.why}.`);
	const rest = dropped.length - named.length;
	if (rest > 0) named.push(`${rest} more input edits in the link were dropped.`);
	return named;
}

function parseOp(op: string, input: EventTimeInput): InputEdit | null {
	const [kind, ...fields] = op.split('_');
	const [f0, f1, f2] = fields;
	if (kind === 'a' && fields.length === 3) {
		const id = untext(f0);
		const arrivalMs = unint(f1);
		const eventTimeMs = unint(f2);
		// The longest stream name that prefixes the id (names may share a prefix: `eu`, `eu-2`).
		const stream = input.streams
			.map((s) => s.name)
			.filter((name) => id?.startsWith(`${name}-user-`))
			.sort((a, b) => b.length - a.length)[0];
		if (id === null || arrivalMs === null || eventTimeMs === null) return null;
		const named = stream ?? id.replace(/-user-.*$/, '');
		return { kind: 'add', id, stream: named, arrivalMs, eventTimeMs };
	}
	const id = untext(f0);
	if (id === null) return null;
	if (kind === 'm' && fields.length === 2) {
		const deltaMs = unint(f1);
		return deltaMs === null ? null : { kind: 'move', id, deltaMs };
	}
	if (kind === 'k' && fields.length === 2) {
		const key = untext(f1);
		return key === null ? null : { kind: 'rekey', id, key };
	}
	if (kind === 'd' && fields.length === 1) return { kind: 'delete', id };
	return null;
}

const SAFE = /^[A-Za-z0-9-]$/;

function text(s: string): string {
	let out = '';
	for (const ch of s) {
		if (SAFE.test(ch)) out += ch;
		else for (const b of new TextEncoder().encode(ch)) out += `*${b.toString(16).padStart(2, '0')}`;
	}
	return out;
}

/** The text a field holds, or null when it is not one `text` writes. */
function untext(field: string | undefined): string | null {
	if (!field || !/^(?:[A-Za-z0-9-]|\*[0-9a-fA-F]{2})+$/.test(field)) return null;
	const bytes: number[] = [];
	for (let i = 0; i < field.length; i++) {
		if (field[i] === '*') {
			bytes.push(parseInt(field.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(field.charCodeAt(i));
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
	} catch {
		return null;
	}
}

function int(n: number): string {
	return String(Math.round(n));
}

function unint(field: string | undefined): number | null {
	if (!field || !/^-?\d{1,15}$/.test(field)) return null;
	return Number(field);
}

function clip(s: string): string {
	return s.length > 24 ? `${s.slice(0, 23)}…` : s;
}
