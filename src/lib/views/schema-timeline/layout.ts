/**
 * The schema-evolution timeline's layout: the producer's versions as bands over send time, and
 * every record sent by the cursor as a dot at its send time in the lane of its fate (parsed,
 * a null field, dead letter, failed, not read yet), so where each version's records went is
 * seen at a glance. Pure: the run says the fates, this only places them.
 */
import type { Fate, ProducerVersion, SeFrame, SeRun } from '$sim/kinds/schema-evolution';

export const LANES: readonly { readonly fate: Fate; readonly label: string }[] = [
	{ fate: 'parsed', label: 'good row' },
	{ fate: 'nulls', label: 'good row, a field null' },
	{ fate: 'corrupt', label: 'dead letter' },
	{ fate: 'failed', label: 'query failed on its batch' },
	{ fate: 'unread', label: 'not read (yet)' }
];

export const VERSION_NOTE: Readonly<Record<ProducerVersion, string>> = {
	v1: 'v1: order_id, amount, event_time',
	v2: 'v2: + currency',
	v3: 'v3: amount as a string'
};

/** What a band over send time says (short: the band of v1 may be narrow). */
export const BAND_NOTE: Readonly<Record<ProducerVersion, string>> = {
	v1: 'v1',
	v2: 'v2: + currency',
	v3: 'v3: amount as a string'
};

export interface Band {
	readonly version: ProducerVersion;
	/** Percent of the timeline's width. */
	readonly x0: number;
	readonly x1: number;
}

export interface Dot {
	readonly offset: number;
	readonly x: number;
	readonly lane: number;
	readonly version: ProducerVersion;
	readonly malformed: boolean;
	readonly title: string;
}

export interface TimelineLayout {
	readonly bands: readonly Band[];
	readonly dots: readonly Dot[];
	/** The cursor, percent of the width. */
	readonly cursor: number;
	/** Lanes that have a record at the cursor (the others are not drawn). */
	readonly lanes: readonly number[];
	/** Per lane, what its rows lost: fields dropped (not in the schema) or read as null. */
	readonly notes: Readonly<Record<number, string>>;
}

/** "12 dropped currency" from the records in a lane and the fields each lost. */
function note(lists: readonly (readonly string[])[], verb: string): string {
	const hit = lists.filter((l) => l.length > 0);
	if (hit.length === 0) return '';
	const names = [...new Set(hit.flat())].join(', ');
	return `${hit.length} ${verb} ${names}`;
}

export function layoutTimeline(run: SeRun, frame: SeFrame): TimelineLayout {
	const span = Math.max(1, run.records.at(-1)?.atMs ?? run.endMs, run.endMs);
	const pct = (ms: number) => Math.min(100, (100 * ms) / span);
	const bands = run.versions.map((v, i) => ({
		version: v.version,
		x0: pct(v.fromMs),
		x1: pct(run.versions[i + 1]?.fromMs ?? span)
	}));
	const laneOf = new Map(LANES.map((l, i) => [l.fate, i]));
	const dots = frame.records.map((r) => ({
		offset: r.offset,
		x: pct(r.atMs),
		lane: laneOf.get(r.fate) ?? LANES.length - 1,
		version: r.version,
		malformed: r.malformed,
		title:
			`offset ${r.offset} (${r.version}${r.malformed ? ', cut short' : ''}): ${r.value}` +
			(r.ignored.length > 0 ? ` · dropped: ${r.ignored.join(', ')}` : '') +
			(r.nullFields.length > 0 ? ` · null: ${r.nullFields.join(', ')}` : '')
	}));
	const used = new Set(dots.map((d) => d.lane));
	// parsed and dead letter always drawn: an empty lane is part of the story.
	used.add(0);
	used.add(2);
	const read = frame.records.filter((r) => r.fate === 'parsed' || r.fate === 'nulls');
	const notes: Record<number, string> = {};
	const dropped = note(
		read.filter((r) => r.fate === 'parsed').map((r) => r.ignored),
		'with a dropped field:'
	);
	if (dropped) notes[0] = dropped;
	const nulls = note(
		read.filter((r) => r.fate === 'nulls').map((r) => r.nullFields),
		'read null:'
	);
	if (nulls) notes[1] = nulls;
	return { bands, dots, cursor: pct(frame.t), lanes: [...used].sort((a, b) => a - b), notes };
}
