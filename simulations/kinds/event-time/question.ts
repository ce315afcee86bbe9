/**
 * The event-time pages (SIM-3, SIM-4): what a scenario gives the engine and the page. Event time
 * is a column of the data (SPARK-SEMANTICS R2): each simulated Kafka record carries its own
 * `event_time`, and its arrival is a separate processing-time instant. Both are virtual
 * milliseconds from the run's start; `EPOCH_OFFSET_MS` puts virtual 0 on the real clock, so the
 * JSON the program parses holds ordinary UTC timestamps and windows align to the epoch (R3.1).
 */
import type { EventTimeMs, ProcTimeMs } from '../../core/time';
import type { SpanRewrite } from '../../core/template';
import type { Clamped, ParamSchema, Params, Preset } from '../../core/params';
import type { SimQuestion } from '../kind';
import type { BatchPlanner } from './engine-batches';

/** Virtual 0 on the epoch clock: 2026-01-01T10:00:00.000Z (as in microbatch/run.ts). */
export const EPOCH_OFFSET_MS = Date.UTC(2026, 0, 1, 10, 0, 0);

export interface SimEvent {
	/** Source stream name (`events`, `eu`, `us`, `impressions`, `clicks`). */
	readonly stream: string;
	/** Unique within the input: `<stream>-<n>`. */
	readonly id: string;
	/** Virtual processing time the record reaches the topic. */
	readonly arrivalMs: ProcTimeMs;
	/** Virtual event time; the record's JSON holds EPOCH_OFFSET_MS + this, as ISO-8601 UTC. */
	readonly eventTimeMs: EventTimeMs;
	/** Grouping key: the device, or the ad id. */
	readonly key: string;
	readonly reading: number;
	/** The generator gave this event extra lateness (a label; the engine decides what is late). */
	readonly delayed: boolean;
	/** advanced-07: the producer's event id, shared by an event and its duplicates. */
	readonly eventId?: string;
	/** advanced-07: id of the first copy when this record is a duplicate. */
	readonly duplicateOf?: string;
	/** advanced-14: id of the impression this click follows (for drawing the expected match). */
	readonly follows?: string;
	/** A row a preset placed on purpose (what to watch for), e.g. `beyond-delay`. */
	readonly scripted?: string;
	/** advanced-15: the record's other JSON fields (a card's merchant and country, a sensor's
	 *  site), written by the page's `kafkaValue`. */
	readonly fields?: Readonly<Record<string, string | number>>;
}

export interface SourceStream {
	readonly name: string;
	/** The Kafka topic the program subscribes to for this stream. */
	readonly topic: string;
	/** Sorted by arrivalMs, then id. */
	readonly events: readonly SimEvent[];
}

export interface EventTimeInput {
	readonly epochOffsetMs: number;
	/** The program's processingTime trigger. */
	readonly triggerIntervalMs: number;
	/** How long the page simulates (virtual processing time). */
	readonly runLengthMs: number;
	readonly streams: readonly SourceStream[];
	/** Why a scripted row could not be placed, etc.: for the page to show. */
	readonly notes: readonly string[];
}

export interface EventTimePreset extends Preset {
	/** Scripted input rows this preset adds (passed to `input`). */
	readonly script?: string;
}

export interface EventTimeScenario extends SimQuestion {
	readonly kind: 'event-time';
	readonly slug: string;
	readonly simulation: 'SIM-3' | 'SIM-4';
	readonly schema: ParamSchema;
	readonly presets: readonly EventTimePreset[];
	/**
	 * The page's main program with every span a parameter rewrites marked, variant lines
	 * included (see template-markers.ts). Render from this, not from PROGRAMS directly.
	 */
	readonly template: string;
	/** Clamps to the schema, then to what the program can express, with a notice per change. */
	constrain(params: Readonly<Record<string, unknown>>): Clamped;
	/** The rewrite of each marked line, for params that already passed `constrain`. */
	rewrites(params: Params): Record<string, SpanRewrite>;
	/** `renderProgram(template, rewrites(constrain(params).params))`. */
	program(params: Params): string;
	/** The simulated topics for params that passed `constrain`; `script` is a preset's script.
	 *  A preset that places rows against where the engine puts the watermark needs `planner`
	 *  (engine-batches.ts, passed by the kind's engine): the question's folder stays engine-free. */
	input(params: Params, seed: number, script?: string, planner?: BatchPlanner): EventTimeInput;
	/** Params the current variant ignores (the page can grey their controls out). */
	inactiveParams?(params: Params): readonly string[];
	/** The JSON `value` of the Kafka record for this event (parsed by the program's from_json). */
	kafkaValue(event: SimEvent): string;
}
