/**
 * What a keyed-state page supplies (basic-07, advanced-08): the program's parameters and presets
 * (SimQuestion), and the world outside the query: who sends what to the topic the program reads,
 * and when. The records are JSON values; their event time is the send time.
 */
import type { Params } from '../../core/params';
import type { Rng } from '../../core/rng';
import type { SimQuestion } from '../kind';

/** One record the producer sends: at `atMs` (virtual processing time), for `key`. */
export interface KeyedSend {
	readonly atMs: number;
	readonly key: string;
	/** The record's fields besides its event time (`event_time` is written from `atMs`). */
	readonly fields: Readonly<Record<string, string | number>>;
}

export interface KeyedWorld {
	readonly topic: string;
	/** The records, in send order, drawn from the seed. */
	sends(rng: Rng): readonly KeyedSend[];
	readonly runMs: number;
}

export interface KeyedStateQuestion extends SimQuestion {
	readonly kind: 'keyed-state';
	world(params: Params): KeyedWorld;
}
