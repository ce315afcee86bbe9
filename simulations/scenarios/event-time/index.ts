/**
 * The event-time pages: SIM-3 (windows, late data, watermarks, state bounded by event time) and
 * SIM-4 (stream-stream join). Each scenario holds its page's parameter table, presets, program
 * rewrites and simulated Kafka input (QUESTIONS.md, the pages' Simulation sections).
 */
import { advanced02EventTimeWatermarks } from './advanced-02-event-time-watermarks';
import { advanced07EventTimeAndState } from './advanced-07-event-time-and-state';
import { advanced14JoinsAggregations } from './advanced-14-joins-aggregations';
import { basic05Windows } from './basic-05-windows';
import { basic08LateData } from './basic-08-late-data';
import type { EventTimeScenario } from './types';

export type {
	EventTimeInput,
	EventTimePreset,
	EventTimeScenario,
	SimEvent,
	SourceStream
} from './types';
export { EPOCH_OFFSET_MS } from './types';
export { kafkaRecords, type KafkaRecord } from './kafka';

export const EVENT_TIME_SCENARIOS: Readonly<Record<string, EventTimeScenario>> = {
	[basic05Windows.slug]: basic05Windows,
	[basic08LateData.slug]: basic08LateData,
	[advanced02EventTimeWatermarks.slug]: advanced02EventTimeWatermarks,
	[advanced07EventTimeAndState.slug]: advanced07EventTimeAndState,
	[advanced14JoinsAggregations.slug]: advanced14JoinsAggregations
};

export function eventTimeScenario(slug: string): EventTimeScenario | undefined {
	return EVENT_TIME_SCENARIOS[slug];
}
