/**
 * The Spark tests the event-time pages replay (tests/conformance/spark holds each as JSON; the
 * browser cannot read that folder, so the batches live here and a unit test checks they equal
 * the JSON's). Each replay says how a test row becomes a page record and how a page sink row
 * reads as the test's row; a preset points at one through its `script` (`spark:<id>`).
 */
import type { ReplayRecord, ScenarioRow, SparkReplay } from './spark-replay';

/** Readings play no part in these tests; one value keeps the page's avg columns honest. */
const READING = 20;

const num = (v: unknown): number => {
	if (typeof v !== 'number') throw new Error(`expected a number, got ${JSON.stringify(v)}`);
	return v;
};
const windowOf = (v: unknown): { start: number; end: number } => {
	const w = v as { start?: unknown; end?: unknown } | null;
	return { start: num(w?.start), end: num(w?.end) };
};

/** `[value]` rows whose value is the event time in seconds, all from one device. */
const oneDevice =
	(key: string) =>
	(_input: string, row: ScenarioRow): ReplayRecord[] => [
		{ key, eventTimeS: num(row[0]), reading: READING }
	];

/** EventTimeWatermarkSuite's window counts: `[window.start, count]`. */
const windowStartAndCount = (r: Readonly<Record<string, unknown>>): ScenarioRow => [
	windowOf(r.window).start,
	r.count
];

/** EventTimeWatermarkSuite "update mode": window 5 s, delay 10 s. */
const watermarkUpdate: SparkReplay = {
	origin: 'EventTimeWatermarkSuite.scala, test "update mode"',
	streams: [{ name: 'events', topic: 'sensor-events', input: 'events' }],
	batches: [
		{ events: [[10], [11], [12], [13], [14], [15]] },
		{ events: [[25]] },
		{ events: [[10], [25]] },
		{ events: [[10]] }
	],
	records: oneDevice('d-0'),
	sinkRow: windowStartAndCount
};

/** EventTimeWatermarkSuite "complete mode": the same query, complete output. */
const watermarkComplete: SparkReplay = {
	origin: 'EventTimeWatermarkSuite.scala, test "complete mode"',
	streams: [{ name: 'events', topic: 'sensor-events', input: 'events' }],
	batches: [
		{ events: [[10], [11], [12]] },
		{ events: [[25]] },
		{ events: [[25]] },
		{ events: [[10]] },
		{ events: [[25]] }
	],
	records: oneDevice('d-0'),
	sinkRow: windowStartAndCount
};

/**
 * StreamingSessionWindowSuite "append mode - session window": lines of words, each word a
 * session id. A page record carries one device, so each word of a line becomes its own record
 * (the test's `explode(split(value, ' '))`), keyed by the word.
 */
const sessionAppend: SparkReplay = {
	origin: 'StreamingSessionWindowSuite.scala, test "append mode - session window"',
	streams: [{ name: 'events', topic: 'sensor-events', input: 'lines' }],
	batches: [
		{
			lines: [
				['hello world spark streaming', 40],
				['world hello structured streaming', 41]
			]
		},
		{ lines: [['spark streaming', 25]] },
		{ lines: [['spark streaming', 0]] },
		{ lines: [['spark streaming', 30]] },
		{ lines: [['hello apache spark', 60]] },
		{ lines: [['structured streaming', 90]] }
	],
	records: (_input, row) =>
		String(row[0])
			.split(' ')
			.map((word) => ({ key: word, eventTimeS: num(row[1]), reading: READING })),
	sinkRow: (r) => {
		const { start, end } = windowOf(r.session_window);
		return [r.device, start, end, end - start, r.events];
	}
};

/** EventTimeWatermarkSuite "watermark with 2 streams", up to its restart (step 61). */
const unionMin: SparkReplay = {
	origin: 'EventTimeWatermarkSuite.scala, test "watermark with 2 streams"',
	streams: [
		{ name: 'eu', topic: 'sensors-eu', input: 'first' },
		{ name: 'us', topic: 'sensors-us', input: 'second' }
	],
	stepCount: 60,
	batches: [
		{ first: [[11]] },
		{ first: [[0]] },
		{ second: [[6]] },
		{ first: [[0]] },
		{ second: [[8]] },
		{ first: [[0]] },
		{ first: [[21]] },
		{ first: [[0]] },
		{ second: [[17], [28], [39]] },
		{ first: [[0]] },
		{ first: [[31]] },
		{ first: [[0]] },
		{ first: [[41]] },
		{ first: [[0]] },
		{ first: [[51]] },
		{ first: [[0]] },
		{ first: [[100]], second: [[100]] },
		{ first: [[0]] },
		{ first: [[120]], second: [[110]] },
		{ first: [[0]] },
		{ first: [[130]], second: [[125]] },
		{ first: [[0]] },
		{ first: [[100]], second: [[100]] },
		{ first: [[0]] },
		{ first: [[140]], second: [[100]] },
		{ first: [[0]] },
		{ first: [[100]], second: [[135]] },
		{ first: [[0]] },
		{ first: [[200]], second: [[190]] },
		{ first: [[0]] }
	],
	records: (input, row) => [
		{ key: input === 'first' ? 'eu-0' : 'us-0', eventTimeS: num(row[0]), reading: READING }
	]
};

const REPLAYS: readonly SparkReplay[] = [
	watermarkUpdate,
	watermarkComplete,
	sessionAppend,
	unionMin
];

/** The preset `script` that replays a scenario. */
export const replayScript = (origin: string): string => `spark:${origin}`;

/** The replay a preset's script names (undefined for other scripts). */
export function sparkReplay(script: string | undefined): SparkReplay | undefined {
	return REPLAYS.find((r) => replayScript(r.origin) === script);
}
