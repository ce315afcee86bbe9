/**
 * advanced-14 (SIM-4): a stream-stream join buffers both sides as state; watermarks on both
 * inputs plus a time-range condition let Spark evict rows and, for leftOuter, emit the NULL row
 * of an impression once the watermark passes impression time + the range. Outer and semi joins
 * without such a bound fail analysis; joins run in append mode only (SPARK-SEMANTICS R5.3,
 * StreamingSymmetricHashJoinExec, UnsupportedOperationChecker.checkForStreamStreamJoinWatermark).
 */
import { createRng, type Rng } from '../../core/rng';
import { defineScenario } from '../../kinds/event-time/define';
import { eventTime, procTime } from '../../core/time';
import { choiceParam, numberParam, type ParamSchema } from '../../core/params';
import { percent, seconds } from '../../kinds/event-time/param-specs';
import { byShape, duration } from '../../kinds/event-time/spans';
import { byArrival, isoEventTime, produce } from '../../kinds/event-time/streams';
import { programTemplate, type ExtraMarker } from '../../kinds/event-time/template-markers';
import { programs } from './program';
import {
	EPOCH_OFFSET_MS,
	type EventTimePreset,
	type SimEvent
} from '../../kinds/event-time/question';

const SLUG = 'advanced-14-joins-aggregations';
const TRIGGER_MS = 5000;
/** Long enough for two 1-minute windows to close behind a 30 s join bound and a 20 s watermark. */
const RUN_LENGTH_MS = 180_000;
/** A click reaches Kafka up to this long after it happened. */
const CLICK_TRANSIT_MS = 1000;

const schema: ParamSchema = [
	seconds(
		'impressionsWatermark',
		'impressions watermark',
		[0, 60],
		10,
		'The impressions watermark trails the largest impression_time by this much.'
	),
	seconds(
		'clicksWatermark',
		'clicks watermark',
		[0, 60],
		20,
		'The clicks watermark trails the largest click_time by this much.'
	),
	seconds(
		'joinWindow',
		'click must follow within',
		[0, 120],
		30,
		'A click matches an impression of the same ad at most this long after it; the bound lets Spark drop buffered rows. 0 removes the time condition (no bound).'
	),
	{
		id: 'joinType',
		label: 'join type',
		kind: 'choice',
		options: [
			{ value: 'inner', label: 'inner' },
			{ value: 'leftOuter', label: 'left outer' },
			{ value: 'leftSemi', label: 'left semi' }
		],
		default: 'leftOuter',
		help: 'inner: matched pairs only; leftOuter: also each unclicked impression with NULL click columns, once it can no longer match; leftSemi: each clicked impression once.'
	},
	percent(
		'clickProb',
		'share of impressions clicked',
		100,
		40,
		'The share of impressions that get a click.'
	),
	seconds(
		'clickDelayMax',
		'maximum click delay',
		[0, 120],
		20,
		'A click follows its impression after a delay drawn up to this long.',
		true
	)
];

const presets: readonly EventTimePreset[] = [
	{
		id: 'left-outer',
		label: 'Left outer join',
		description:
			'An unclicked impression turns into a NULL row only when the watermark passes its time + 30 s.',
		params: {}
	},
	{
		id: 'inner',
		label: 'Inner join',
		description:
			'Only matched pairs come out; both buffers still empty out as the watermark moves.',
		params: { joinType: 'inner' }
	},
	{
		id: 'no-time-bound',
		label: 'No time bound',
		description:
			'Without the time condition the inner join’s buffers grow without end (switch to left outer: the analyzer rejects it).',
		params: { joinType: 'inner', joinWindow: 0 }
	},
	{
		id: 'left-semi',
		label: 'Left semi join',
		description: 'Each clicked impression comes out once, with the impression’s columns only.',
		params: { joinType: 'leftSemi' }
	}
];

/** Lines beyond a parameter's literal that its variants rewrite (template-markers.ts). */
export const VARIANT_LINES: readonly ExtraMarker[] = [
	{ code: '"click_ad_id = ad_id AND "', paramId: 'joinWindow' },
	{ code: '"click_time >= impression_time AND "', paramId: 'joinWindow' },
	{ code: 'F.count("*").alias("impressions"),', paramId: 'joinType' },
	{ code: 'F.count("click_time").alias("clicks"),', paramId: 'joinType' }
];

const template = programTemplate(SLUG, programs, VARIANT_LINES);
const KEY_EQUALITY = /"click_ad_id = ad_id(?: AND )?"/;
const KEY_AND = '"click_ad_id = ad_id AND "';
const KEY_ONLY = '"click_ad_id = ad_id"';
const ALIAS = /\.alias\("\w+"\)/;
const CLICKED_ALIAS = '.alias("clicked_impressions")';
const IMPRESSIONS_ALIAS = '.alias("impressions")';

/** Ads in rotation. The program joins on the ad id alone (as Spark's guide does), so an ad shown
 *  twice within the join window would pair one click with both impressions and the per-ad counts
 *  would count joined rows, not impressions. The producer rotates through the ads in a seeded
 *  order (one impression every 2 s on average: each ad about every 40 s) and skips an ad whose
 *  last impression is closer than the join window plus the disorder. */
const NUM_ADS = 20;
const IMPRESSIONS_PER_SEC = 0.5;
/** Event times trail arrival by up to 1 s of disorder: keep arrivals this much further apart. */
const DISORDER_SLACK_MS = 1500;

function rotateAds(events: readonly SimEvent[], windowMs: number, rng: Rng): SimEvent[] {
	const order = Array.from({ length: NUM_ADS }, (_, i) => i);
	for (let i = order.length - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[order[i], order[j]] = [order[j] as number, order[i] as number];
	}
	const gapMs = windowMs > 0 ? windowMs + DISORDER_SLACK_MS : 1000;
	const lastShown = new Map<string, number>();
	const out: SimEvent[] = [];
	events.forEach((e, i) => {
		const key = `ad-${order[i % NUM_ADS]}`;
		const last = lastShown.get(key);
		if (last !== undefined && e.arrivalMs - last < gapMs) return;
		lastShown.set(key, e.arrivalMs);
		out.push({ ...e, key });
	});
	return out;
}

/** Each impression is clicked with probability clickProb, after U(0, clickDelayMax). */
function clicksFor(impressions: readonly SimEvent[], prob: number, delayMaxMs: number, rng: Rng) {
	const clicks: SimEvent[] = [];
	for (const imp of impressions) {
		if (!(rng.next() < prob)) continue;
		const delay = rng.uniform(0, delayMaxMs);
		const arrivalMs = imp.arrivalMs + delay + rng.uniform(0, CLICK_TRANSIT_MS);
		if (arrivalMs > RUN_LENGTH_MS) continue;
		clicks.push({
			stream: 'clicks',
			id: `clicks-${clicks.length}`,
			arrivalMs: procTime(Math.round(arrivalMs)),
			eventTimeMs: eventTime(Math.round(imp.eventTimeMs + delay)),
			key: imp.key,
			reading: 0,
			delayed: false,
			follows: imp.id
		});
	}
	return clicks;
}

export const advanced14JoinsAggregations = defineScenario({
	slug: SLUG,
	triggerMs: TRIGGER_MS,
	simulation: 'SIM-4',
	schema,
	presets,
	template,
	rewrites(params) {
		const range = numberParam(params, 'joinWindow');
		const semi = choiceParam(params, 'joinType') === 'leftSemi';
		return {
			impressionsWatermark: duration(numberParam(params, 'impressionsWatermark')),
			clicksWatermark: duration(numberParam(params, 'clicksWatermark')),
			// 0 is the variant without a time bound: the condition keeps only the key equality.
			joinWindow: byShape([
				[KEY_EQUALITY, (l) => l.replace(KEY_EQUALITY, range > 0 ? KEY_AND : KEY_ONLY)],
				[/"click_time >= impression_time AND "/, (l) => (range > 0 ? l : null)],
				[/interval \d/, (l) => (range > 0 ? duration(range)(l) : null)],
				// The DStream tab joins windows of both streams; it has no "no bound" form.
				[/\.window\(/, (l) => (range > 0 ? duration(range)(l) : l)]
			]),
			// A left semi join outputs only the impression's columns: there is no click_time to count.
			joinType: byShape([
				[/^\s*"\w+",\s*$/, (l) => l.replace(/"\w+"/, `"${choiceParam(params, 'joinType')}"`)],
				[/F\.count\("\*"\)/, (l) => l.replace(ALIAS, semi ? CLICKED_ALIAS : IMPRESSIONS_ALIAS)],
				[/F\.count\("click_time"\)/, (l) => (semi ? null : l)]
			])
		};
	},
	input(params, seed) {
		const rng = createRng(seed);
		const produced = produce(
			'impressions',
			{
				ratePerSec: IMPRESSIONS_PER_SEC,
				durationMs: RUN_LENGTH_MS,
				numKeys: 1,
				keyPrefix: 'ad-',
				maxDisorderMs: 1000,
				lateProb: 0,
				lateByMs: 0
			},
			rng.fork()
		);
		const impressions = rotateAds(produced, numberParam(params, 'joinWindow') * 1000, rng.fork());
		const clicks = clicksFor(
			impressions,
			numberParam(params, 'clickProb') / 100,
			numberParam(params, 'clickDelayMax') * 1000,
			rng.fork()
		);
		return {
			epochOffsetMs: EPOCH_OFFSET_MS,
			triggerIntervalMs: TRIGGER_MS,
			runLengthMs: RUN_LENGTH_MS,
			streams: [
				{ name: 'impressions', topic: 'ad-impressions', events: byArrival(impressions) },
				{ name: 'clicks', topic: 'ad-clicks', events: byArrival(clicks) }
			],
			notes: []
		};
	},
	kafkaValue(e) {
		const time = isoEventTime(e.eventTimeMs);
		return e.stream === 'clicks'
			? JSON.stringify({ click_ad_id: e.key, click_time: time })
			: JSON.stringify({ ad_id: e.key, impression_time: time });
	}
});
