/**
 * basic-05 (SIM-3): tumbling, sliding and session windows on event time. Windows align to the
 * epoch, start inclusive and end exclusive; a sliding window of length L and slide S puts each row
 * into L/S windows; a session window grows while rows arrive within the gap (SPARK-SEMANTICS R3).
 * Streaming session windows reject update mode, and append needs a watermark (R3.2, SC-UOC).
 */
import { createRng } from '../../core/rng';
import {
	choiceParam,
	clampParams,
	numberParam,
	type ParamSchema,
	type Params
} from '../../core/params';
import { byShape, duration, lastString, watermark } from '../../kinds/event-time/spans';
import { byArrival, produce, sensorValue } from '../../kinds/event-time/streams';
import { programTemplate, type ExtraMarker } from '../../kinds/event-time/template-markers';
import { programs } from './program';
import { EPOCH_OFFSET_MS, type EventTimePreset } from '../../kinds/event-time/question';
import { defineScenario } from '../../kinds/event-time/define';
import { replayScript } from '../../kinds/event-time/spark-replays';

const SLUG = 'basic-05-windows';
const TRIGGER_MS = 5000;
const RUN_LENGTH_MS = 90_000;
const NUM_DEVICES = 3;

const schema: ParamSchema = [
	{
		id: 'windowType',
		label: 'window type',
		kind: 'choice',
		options: [
			{ value: 'tumbling', label: 'tumbling' },
			{ value: 'sliding', label: 'sliding' },
			{ value: 'session', label: 'session' }
		],
		default: 'sliding',
		help: 'Tumbling windows do not overlap, sliding windows overlap (one event in several), a session window grows while events keep coming within the gap.'
	},
	{
		id: 'windowLength',
		label: 'window length',
		kind: 'number',
		unit: 's',
		min: 2,
		max: 60,
		step: 1,
		default: 10,
		help: 'How much event time one window covers; windows start at multiples of it (plus the slide) counted from 1970-01-01 UTC.'
	},
	{
		id: 'slide',
		label: 'slide',
		kind: 'number',
		unit: 's',
		min: 1,
		max: 60,
		step: 1,
		default: 5,
		help: 'How far apart window starts are; each event lands in window length ÷ slide windows. At most the window length.'
	},
	{
		id: 'sessionGap',
		label: 'session gap',
		kind: 'number',
		unit: 's',
		min: 1,
		max: 30,
		step: 1,
		default: 5,
		help: 'A device’s session closes after this much event time without an event from it.'
	},
	{
		id: 'watermarkDelay',
		label: 'watermark delay',
		kind: 'number',
		unit: 's',
		min: 0,
		max: 60,
		step: 1,
		default: 10,
		help: 'The watermark trails the largest event time seen by this much; a window is dropped from state once the watermark passes its end. 0 removes withWatermark (no watermark: windows are kept forever).'
	},
	{
		id: 'outputMode',
		label: 'output mode',
		kind: 'choice',
		options: [
			{ value: 'append', label: 'append' },
			{ value: 'update', label: 'update' },
			{ value: 'complete', label: 'complete' }
		],
		default: 'update',
		help: 'append: each window once, when the watermark passes its end; update: windows changed this batch; complete: every window, every batch.'
	}
];

const presets: readonly EventTimePreset[] = [
	{
		id: 'windows',
		label: 'Sliding windows',
		description:
			'Each event feeds two 10 s windows; every window is a state row until the watermark passes its end.',
		params: {}
	},
	{
		id: 'tumbling',
		label: 'Tumbling windows',
		description: 'No slide: each event feeds exactly one window.',
		params: { windowType: 'tumbling' }
	},
	{
		id: 'session',
		label: 'Session windows',
		description:
			'A device’s session grows while it keeps sending; in append mode it appears once the watermark passes its end.',
		params: { windowType: 'session', outputMode: 'append' }
	},
	{
		id: 'no-watermark',
		label: 'No watermark',
		description:
			'Without withWatermark only update or complete work, and the window state rows never go away.',
		params: { watermarkDelay: 0, outputMode: 'update' }
	},
	{
		id: 'spark-sessions',
		label: 'Sessions, step by step',
		description:
			'Spark’s own session-window test: each word is a device, gap 10 s, watermark 30 s. The rows at 0 s are behind the watermark and dropped; no session is emitted until the 90 s row moves the watermark to 60 s, past their ends.',
		params: { windowType: 'session', sessionGap: 10, watermarkDelay: 30, outputMode: 'append' },
		script: replayScript('StreamingSessionWindowSuite.scala, test "append mode - session window"'),
		reproduces: {
			origin: 'StreamingSessionWindowSuite.scala, test "append mode - session window"',
			test: 'StreamingSessionWindowSuite "append mode - session window"',
			note: 'Each word of a test line is one record here, the word as its device (the test’s explode), at the line’s time in seconds after 10:00 UTC. One micro-batch per AddData, then an empty trigger for the no-data batch. Checked as [session id, start, end, length, count], avg_reading left out.'
		}
	}
];

const SESSION_UPDATE =
	'Update output mode not supported for session window on streaming DataFrames/DataSets';
const APPEND_NO_WATERMARK =
	'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark';

function constrain(raw: Readonly<Record<string, unknown>>) {
	const { params, notices } = clampParams(schema, raw);
	const out: Record<string, string | number> = { ...params };
	const notes = [...notices];
	const type = choiceParam(params, 'windowType');
	const hasWatermark = numberParam(params, 'watermarkDelay') > 0;
	if (type === 'sliding' && numberParam(params, 'slide') > numberParam(params, 'windowLength')) {
		out.slide = numberParam(params, 'windowLength');
		notes.push(
			`slide: a slide longer than the window would skip events; using ${out.slide} s, ` +
				'the window length.'
		);
	}
	const mode = choiceParam(params, 'outputMode');
	if (type === 'session' && (mode === 'update' || (mode === 'append' && !hasWatermark))) {
		out.outputMode = hasWatermark ? 'append' : 'complete';
		notes.push(
			mode === 'update'
				? `output mode: Spark rejects update here (“${SESSION_UPDATE}”); using ${out.outputMode}.`
				: `output mode: append needs a watermark (“${APPEND_NO_WATERMARK}”); using complete.`
		);
	} else if (mode === 'append' && !hasWatermark) {
		out.outputMode = 'update';
		notes.push(`output mode: append needs a watermark (“${APPEND_NO_WATERMARK}”); using update.`);
	}
	return { params: out, notices: notes };
}

/** Lines beyond a parameter's literal that its variants rewrite (template-markers.ts). */
export const VARIANT_LINES: readonly ExtraMarker[] = [{ code: 'F.window(', paramId: 'windowType' }];

const template = programTemplate(SLUG, programs, VARIANT_LINES);
const WINDOW_CALL = /F\.(?:session_)?window\(/;
const SESSION = 'F.session_window(';

/** Devices send in bursts (10 s on, 6 s off, staggered), so session windows can close. */
const bursting = (key: string, arrivalMs: number): boolean => {
	const device = Number(key.slice(key.lastIndexOf('-') + 1));
	return (arrivalMs / 1000 + 5 * device) % 16 < 10;
};

export const basic05Windows = defineScenario({
	slug: SLUG,
	triggerMs: TRIGGER_MS,
	simulation: 'SIM-3',
	schema,
	presets,
	template,
	constrain,
	rewrites(params: Params) {
		const type = choiceParam(params, 'windowType');
		const length = numberParam(params, 'windowLength');
		const delay = numberParam(params, 'watermarkDelay');
		const isDStream = (line: string) => !line.includes('"');
		return {
			watermarkDelay: watermark(delay > 0 ? delay : null),
			windowType: byShape([
				[WINDOW_CALL, (l) => l.replace(WINDOW_CALL, type === 'session' ? SESSION : 'F.window(')]
			]),
			// In the session variant the window call keeps one duration argument: the gap.
			windowLength: (line) => {
				const session = type === 'session' && !isDStream(line);
				return duration(session ? numberParam(params, 'sessionGap') : length)(line);
			},
			// Tumbling drops the slide; the DStream tab has no optional slide, so it tumbles with
			// slide = length. A session has no slide (DStreams have no session windows at all).
			slide: (line) => {
				const slide = numberParam(params, 'slide');
				if (isDStream(line)) return duration(type === 'sliding' ? slide : length)(line);
				return type === 'sliding' ? duration(slide)(line) : null;
			},
			outputMode: lastString(choiceParam(params, 'outputMode'))
		};
	},
	inactiveParams(params) {
		const type = choiceParam(params, 'windowType');
		if (type === 'session') return ['windowLength', 'slide'];
		return type === 'tumbling' ? ['slide', 'sessionGap'] : ['sessionGap'];
	},
	input(_params, seed) {
		const rng = createRng(seed);
		const events = produce(
			'events',
			{
				ratePerSec: 3,
				durationMs: RUN_LENGTH_MS,
				numKeys: NUM_DEVICES,
				maxDisorderMs: 2000,
				lateProb: 0.05,
				lateByMs: 8000,
				active: bursting
			},
			rng
		);
		return {
			epochOffsetMs: EPOCH_OFFSET_MS,
			triggerIntervalMs: TRIGGER_MS,
			runLengthMs: RUN_LENGTH_MS,
			streams: [{ name: 'events', topic: 'sensor-events', events: byArrival(events) }],
			notes: []
		};
	},
	kafkaValue: sensorValue,
	// The API switch (the DStream tab's own keys share this side's names).
	otherUrlKeys: ['api'],
	apiNote:
		'The Structured Streaming program (the main tab): windows on event time, closed by the watermark.'
});
