/**
 * What a schema-evolution page supplies (advanced-11): the program's parameters and presets
 * (SimQuestion), and the producer outside the query: the versions of the order records it sends
 * to the topic over time (a field added, a type changed) and how often it sends a broken line.
 */
import type { Params } from '../../core/params';
import type { SimQuestion } from '../kind';

export interface ProducerWorld {
	readonly topic: string;
	readonly recordsPerSecond: number;
	/** From this instant the producer sends v2 records (they add `currency`); null: never. */
	readonly v2AtMs: number | null;
	/** From this instant `amount` is sent as a JSON string (v3); null: never. */
	readonly typeChangeAtMs: number | null;
	/** The share of lines that are not valid JSON (a truncated write). */
	readonly malformedRate: number;
	readonly runMs: number;
}

export interface SchemaEvolutionQuestion extends SimQuestion {
	readonly kind: 'schema-evolution';
	world(params: Params): ProducerWorld;
}
