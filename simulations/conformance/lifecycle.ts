/**
 * FORMAT-ADDITIONS.md's lifecycle rules, as StreamTest applies them: when the query first starts,
 * and the trigger a `startStream` step asks for.
 */
import { parseDurationUs } from '../structured/expr/duration';
import type { TriggerSpec } from '../structured/runtime/trigger-policy';

/** Steps that need a running (or once-run) query: the query must have started before them. */
const NEEDS_QUERY = [
	'checkNewAnswer',
	'checkLastBatch',
	'checkAnswer',
	'checkRecorded',
	'assertBatchIds',
	'assertNumStateRows',
	'assertNumRowsDroppedByWatermark',
	'assertWatermark',
	'processAllAvailable',
	'expectFailure',
	'expectError',
	'stopStream',
	'restart'
];

/**
 * The index of the `startStream` step the query first starts at, or -1 when it starts, with the
 * trigger in code, before the first step (some step that needs the query comes first).
 */
export function firstStartStep(steps: readonly object[]): number {
	for (let i = 0; i < steps.length; i++) {
		const keys = Object.keys(steps[i] as object);
		if (keys.includes('startStream')) return i;
		if (keys.some((k) => NEEDS_QUERY.includes(k))) return -1;
	}
	return -1;
}

/** `{"once": true}`, `{"availableNow": true}`, `{"processingTime": "1 second"}`; else an error. */
export function triggerOverride(
	spec: unknown
): { ok: true; value: TriggerSpec | undefined } | { ok: false; error: string } {
	if (spec === undefined) return { ok: true, value: undefined };
	const o = spec as Record<string, unknown>;
	if (o.once === true) return { ok: true, value: { kind: 'once', intervalMs: 0 } };
	if (o.availableNow === true) return { ok: true, value: { kind: 'availableNow', intervalMs: 0 } };
	if (typeof o.processingTime === 'string') {
		const us = parseDurationUs(o.processingTime);
		if (!us.ok) return { ok: false, error: us.error };
		const ms = Math.floor(us.value / 1000);
		return {
			ok: true,
			value:
				ms > 0 ? { kind: 'processingTime', intervalMs: ms } : { kind: 'default', intervalMs: 0 }
		};
	}
	return { ok: false, error: `unknown trigger ${JSON.stringify(spec)}` };
}
