/**
 * basic-08 (SIM-3): bounded lateness. The watermark is max(event time) − delay, computed after
 * each batch and used from the next; a late row whose window ended at or below the previous
 * batch's watermark is dropped and counted in numRowsDroppedByWatermark, a late row inside the
 * delay still updates its window (SPARK-SEMANTICS R2.2–R2.7, R4.4; SS-API "Handling Late Data").
 */
import { createRng } from '../../core/rng';
import { defineScenario } from '../../kinds/event-time/define';
import { choiceParam, numberParam, type ParamSchema } from '../../core/params';
import { outputModeParam, percent, seconds } from '../../kinds/event-time/param-specs';
import { duration, lastString } from '../../kinds/event-time/spans';
import { byArrival, produce, scriptedEvent, sensorValue } from '../../kinds/event-time/streams';
import { programTemplate } from '../../kinds/event-time/template-markers';
import { programs } from './program';
import {
	EPOCH_OFFSET_MS,
	type EventTimePreset,
	type SimEvent
} from '../../kinds/event-time/question';
import type { PlannedBatch } from '../../kinds/event-time/engine-batches';
import { replayScript } from '../../kinds/event-time/spark-replays';

const SLUG = 'basic-08-late-data';
const TRIGGER_MS = 2000;
const RUN_LENGTH_MS = 60_000;
/** The scripted rows arrive in the first batch after this, once the watermark has settled. */
const SCRIPT_AFTER_MS = 30_000;

const schema: ParamSchema = [
	seconds(
		'watermarkDelay',
		'watermark delay',
		[0, 60],
		5,
		'How late an event may be: the watermark trails the largest event time seen by this much, and a late event is dropped once the watermark has passed the end of its window.'
	),
	percent(
		'lateProb',
		'share of late events',
		50,
		// 25, not 15: with seed 1 the first row dropped as late arrives 12 s in (at 15 % the first
		// drop came at 32 s, long after a reader's first look).
		25,
		'The share of events the producer holds back by an extra 1 s up to the maximum lateness.'
	),
	seconds(
		'lateBy',
		'maximum lateness',
		[1, 60],
		15,
		'The most a held-back event is delayed beyond normal disorder.',
		true
	),
	seconds(
		'maxDisorder',
		'normal disorder',
		[0, 10],
		1,
		'Every event reaches Kafka up to this long after it happened.',
		true
	),
	seconds(
		'windowLength',
		'window length',
		[5, 60],
		10,
		'Tumbling event-time windows of this length, aligned to 1970-01-01 UTC.'
	),
	outputModeParam('append')
];

const SAME_ROWS_NOTE =
	'Test values are event times in seconds: here each is a d-0 event that many seconds after 10:00 UTC (a multiple of 5 s, so the windows match). One micro-batch per AddData, then an empty trigger for the no-data batch. Checked as [window start, count], the device column left out.';

const presets: readonly EventTimePreset[] = [
	{
		id: 'late-data',
		label: 'Late data',
		description:
			'A late event still counts while its window is open; once the watermark has passed its window’s end it is dropped and counted in numRowsDroppedByWatermark.',
		params: {}
	},
	{
		id: 'inside-vs-beyond-delay',
		label: 'Inside vs beyond the delay',
		description:
			'Two late events for d-0 in the same batch: the one inside the delay updates its window; the one whose window already ended at or below the watermark is dropped.',
		params: { lateProb: 0 },
		script: 'inside-vs-beyond-delay'
	},
	{
		id: 'update-mode',
		label: 'Update mode',
		description:
			'Each window is re-emitted whenever a (late) row changes it, until the watermark passes its end.',
		params: { outputMode: 'update' }
	},
	{
		id: 'complete-keeps-everything',
		label: 'Complete keeps everything',
		description:
			'Complete mode emits every window every batch and never drops a late row: state only grows.',
		params: { outputMode: 'complete' }
	},
	{
		id: 'spark-update-mode',
		label: 'Update, step by step',
		description:
			'Spark’s own test, batch by batch: rows at 10–15 s, then 25 s, then a late 10 s (dropped: its window ended at the watermark, 15 s) with another 25 s, then 10 s again. Each window is emitted whenever it changes.',
		params: { windowLength: 5, watermarkDelay: 10, outputMode: 'update' },
		script: replayScript('EventTimeWatermarkSuite.scala, test "update mode"'),
		reproduces: {
			origin: 'EventTimeWatermarkSuite.scala, test "update mode"',
			test: 'EventTimeWatermarkSuite "update mode"',
			note: SAME_ROWS_NOTE
		}
	},
	{
		id: 'spark-complete-mode',
		label: 'Complete, step by step',
		description:
			'Spark’s own test: complete mode re-emits every window each batch and never drops a row, so a 10 s row that arrives after 25 s still counts (window 10 s goes from 3 to 4).',
		params: { windowLength: 5, watermarkDelay: 10, outputMode: 'complete' },
		script: replayScript('EventTimeWatermarkSuite.scala, test "complete mode"'),
		reproduces: {
			origin: 'EventTimeWatermarkSuite.scala, test "complete mode"',
			test: 'EventTimeWatermarkSuite "complete mode"',
			note: SAME_ROWS_NOTE
		}
	}
];

const template = programTemplate(SLUG, programs);

/** One late row each side of the watermark in one batch (null when the run has no such batch). */
function scriptLateRows(
	events: readonly SimEvent[],
	batches: readonly PlannedBatch[],
	delayMs: number,
	windowMs: number,
	notes: string[]
): SimEvent[] {
	const batch = batches.find((b) => !b.noData && b.triggerAtMs >= SCRIPT_AFTER_MS);
	if (!batch) {
		notes.push('No batch to place the scripted late rows in: the stream is too short.');
		return [];
	}
	const arrivalMs = batch.triggerAtMs - TRIGGER_MS / 2;
	const out: SimEvent[] = [];
	let next = events.length;
	if (delayMs > 0) {
		// Older than the newest event by half the delay: late, yet above both watermarks.
		const eventTimeMs = batch.watermarkMs + delayMs / 2;
		const inside = { arrivalMs, eventTimeMs, key: 'd-0', reading: 21, label: 'inside-delay' };
		out.push(scriptedEvent('events', next++, inside));
	} else {
		notes.push(
			'With a 0 s delay no late row is inside the delay: only the one beyond is scripted.'
		);
	}
	// A windowed aggregation drops a late row only when its window has closed, window.end ≤ the
	// previous batch's watermark (R4.4): put it 1 s before the end of the last closed window.
	const closedEnd =
		Math.floor((batch.lateWatermarkMs + EPOCH_OFFSET_MS) / windowMs) * windowMs - EPOCH_OFFSET_MS;
	const beyond = closedEnd - Math.min(1000, windowMs / 2);
	out.push(
		scriptedEvent('events', next, {
			arrivalMs,
			eventTimeMs: beyond,
			key: 'd-0',
			reading: 29,
			label: 'beyond-delay'
		})
	);
	return out;
}

export const basic08LateData = defineScenario({
	slug: SLUG,
	triggerMs: TRIGGER_MS,
	simulation: 'SIM-3',
	schema,
	presets,
	template,
	rewrites(params) {
		return {
			watermarkDelay: duration(numberParam(params, 'watermarkDelay')),
			windowLength: duration(numberParam(params, 'windowLength')),
			outputMode: lastString(choiceParam(params, 'outputMode'))
		};
	},
	input(params, seed, script, plan) {
		const rng = createRng(seed);
		const notes: string[] = [];
		const events = produce(
			'events',
			{
				ratePerSec: 2,
				durationMs: RUN_LENGTH_MS,
				numKeys: 2,
				maxDisorderMs: numberParam(params, 'maxDisorder') * 1000,
				lateProb: numberParam(params, 'lateProb') / 100,
				lateByMs: numberParam(params, 'lateBy') * 1000
			},
			rng
		);
		const delayMs = numberParam(params, 'watermarkDelay') * 1000;
		const windowMs = numberParam(params, 'windowLength') * 1000;
		const inputOf = (rows: readonly SimEvent[]) => ({
			epochOffsetMs: EPOCH_OFFSET_MS,
			triggerIntervalMs: TRIGGER_MS,
			runLengthMs: RUN_LENGTH_MS,
			streams: [{ name: 'events', topic: 'sensor-events', events: byArrival(rows) }],
			notes
		});
		if (script !== 'inside-vs-beyond-delay') return inputOf(events);
		const batches = plan(inputOf(events));
		return inputOf([...events, ...scriptLateRows(events, batches, delayMs, windowMs, notes)]);
	},
	kafkaValue: sensorValue
});
