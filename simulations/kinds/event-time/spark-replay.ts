/**
 * Spark's own tests, replayed on an event-time page: a conformance scenario's `addData` batches
 * (tests/conformance/spark) become simulated Kafka records. In StreamTest a check step runs
 * `processAllAvailable()`: one micro-batch over everything added since, then a no-data batch
 * when the watermark moved. Here each of the test's batches arrives inside its own trigger
 * interval and the interval after it stays empty, so the page's processing-time trigger runs
 * exactly those two batches. Event times are the test's seconds on the page's clock
 * (EPOCH_OFFSET_MS, a multiple of every window length, so windows align as in the test).
 */
import { eventTime, procTime } from '../../core/time';
import { EPOCH_OFFSET_MS, type EventTimeInput, type SimEvent } from './question';

export type ScenarioRow = readonly unknown[];

/** One micro-batch of the test: the rows each of its inputs receives before a check step. */
export type ReplayBatch = Readonly<Record<string, readonly ScenarioRow[]>>;

/** What one of the test's input rows becomes on the page: a record of a simulated topic. */
export interface ReplayRecord {
	/** The page's grouping key (device, ad id). */
	readonly key: string;
	/** The test's event time, in seconds. */
	readonly eventTimeS: number;
	readonly reading: number;
}

export interface ReplayStream {
	/** The page's stream (and its Kafka topic) ... */
	readonly name: string;
	readonly topic: string;
	/** ... fed with the rows of this input of the test. */
	readonly input: string;
}

export interface SparkReplay {
	/** The test's origin, as the preset's `reproduces.origin` names it. */
	readonly origin: string;
	readonly streams: readonly ReplayStream[];
	/** The test's batches, in order, exactly as its `addData` steps give them. */
	readonly batches: readonly ReplayBatch[];
	/** How many of the test's steps the page replays (all when absent): a restart ends it. */
	readonly stepCount?: number;
	/** The page records one input row becomes (several when the test explodes a row). */
	records(input: string, row: ScenarioRow): readonly ReplayRecord[];
	/** One sink row of the page, by column name (times in the test's seconds), as the test's
	 *  row; absent when the test checks no rows. */
	sinkRow?(row: Readonly<Record<string, unknown>>): ScenarioRow;
}

/** Where batch `i` starts: the tick before it is empty, so the previous batch's no-data batch ran. */
const batchStartMs = (i: number, triggerMs: number) => 2 * i * triggerMs;

/**
 * The page's input for a replay: batch i arrives during interval 2i (spread over its second
 * quarter, so the plot shows its rows apart), is read by the tick that ends it, and interval
 * 2i + 1 is left empty for the no-data batch.
 */
export function replayInput(replay: SparkReplay, triggerMs: number): EventTimeInput {
	const streams = replay.streams.map((s) => ({ ...s, events: [] as SimEvent[] }));
	replay.batches.forEach((batch, i) => {
		for (const s of streams) {
			const records = (batch[s.input] ?? []).flatMap((row) => replay.records(s.input, row));
			records.forEach((r, j) => {
				const atMs =
					batchStartMs(i, triggerMs) + triggerMs / 4 + (j * triggerMs) / 4 / records.length;
				s.events.push({
					stream: s.name,
					id: `${s.name}-${s.events.length}`,
					arrivalMs: procTime(Math.round(atMs)),
					eventTimeMs: eventTime(Math.round(r.eventTimeS * 1000)),
					key: r.key,
					reading: r.reading,
					delayed: false,
					scripted: `${replay.origin}#${i + 1}`
				});
			});
		}
	});
	return {
		epochOffsetMs: EPOCH_OFFSET_MS,
		triggerIntervalMs: triggerMs,
		// One more interval after the last no-data batch, so the run visibly settles.
		runLengthMs: batchStartMs(replay.batches.length, triggerMs) + triggerMs,
		streams: streams.map(({ name, topic, events }) => ({ name, topic, events })),
		notes: []
	};
}
