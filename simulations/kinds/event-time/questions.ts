/**
 * The event-time pages: SIM-3 (windows, late data, watermarks, state bounded by event time) and
 * SIM-4 (stream-stream join). Each scenario holds its page's parameter table, presets, program
 * rewrites and simulated Kafka input (QUESTIONS.md, the pages' Simulation sections).
 */
import { advanced02EventTimeWatermarks } from '../../questions/advanced-02-event-time-watermarks/question';
import { advanced07EventTimeAndState } from '../../questions/advanced-07-event-time-and-state/question';
import { advanced14JoinsAggregations } from '../../questions/advanced-14-joins-aggregations/question';
import { basic05Windows } from '../../questions/basic-05-windows/question';
import { basic08LateData } from '../../questions/basic-08-late-data/question';
import type { EventTimeScenario } from './question';

export type {
	EventTimeInput,
	EventTimePreset,
	EventTimeScenario,
	SimEvent,
	SourceStream
} from './question';
export { EPOCH_OFFSET_MS } from './question';
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
