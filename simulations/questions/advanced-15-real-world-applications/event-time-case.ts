/**
 * The two advanced-15 cases on the event-time kind (fraud, IoT) are built the same way: one
 * program tab, one simulated topic the producer fills from the seed, the record's JSON as the
 * program's schema reads it, an alert pane over the sink's rows, and the page's `case` switch.
 */
import type { ParamSchema, Params } from '../../core/params';
import type { SpanRewrite } from '../../core/template';
import type { AlertPaneSpec } from '../../kinds/kind';
import { defineScenario } from '../../kinds/event-time/define';
import {
	EPOCH_OFFSET_MS,
	type EventTimePreset,
	type EventTimeScenario,
	type SimEvent
} from '../../kinds/event-time/question';

export interface EventTimeCaseSpec {
	readonly programId: string;
	readonly template: string;
	readonly schema: ParamSchema;
	readonly presets: readonly EventTimePreset[];
	readonly triggerMs: number;
	readonly runLengthMs: number;
	/** The simulated stream's name and the topic the program subscribes to. */
	readonly stream: string;
	readonly topic: string;
	events(params: Params, seed: number): SimEvent[];
	kafkaValue(e: SimEvent): string;
	rewrites(params: Params): Record<string, SpanRewrite>;
	readonly apiNote: string;
	readonly alerts: AlertPaneSpec;
}

export function eventTimeCase(spec: EventTimeCaseSpec): EventTimeScenario {
	const scenario = defineScenario({
		slug: 'advanced-15-real-world-applications',
		triggerMs: spec.triggerMs,
		simulation: 'SIM-3',
		schema: spec.schema,
		presets: spec.presets,
		template: spec.template,
		rewrites: spec.rewrites,
		input: (params, seed) => ({
			epochOffsetMs: EPOCH_OFFSET_MS,
			triggerIntervalMs: spec.triggerMs,
			runLengthMs: spec.runLengthMs,
			streams: [{ name: spec.stream, topic: spec.topic, events: spec.events(params, seed) }],
			notes: []
		}),
		kafkaValue: spec.kafkaValue
	});
	return {
		...scenario,
		programId: spec.programId,
		// The case's first preset is its defaults: the page opens on it.
		openingPreset: spec.presets[0]?.id,
		otherUrlKeys: ['case'],
		apiNote: spec.apiNote,
		alerts: spec.alerts
	};
}
