/**
 * advanced-15 case A (SIM-12 on the event-time kind): fraud detection with a per-card sliding
 * velocity window. Cards pay now and then; a few cards turn fraudulent and fire a burst of small
 * payments, half of it from a second country; the payment network retries some payments (same
 * txn_id, same event time, sent again seconds later). The program drops the retries with
 * dropDuplicatesWithinWatermark, counts per card and sliding window in update mode, and keeps
 * the windows that cross a threshold: every row its Kafka sink receives is an alert
 * (SPARK-SEMANTICS R3 sliding windows, R4 update mode, R5.7 dedup within the watermark).
 */
import { createRng, type Rng } from '../../core/rng';
import { eventTime, procTime } from '../../core/time';
import { choiceParam, numberParam, type ParamSchema } from '../../core/params';
import { eventTimeCase } from './event-time-case';
import { percent, seconds } from '../../kinds/event-time/param-specs';
import { duration } from '../../kinds/event-time/spans';
import { byArrival, isoEventTime } from '../../kinds/event-time/streams';
import { mainProgram } from '../../core/template';
import type { EventTimePreset, SimEvent } from '../../kinds/event-time/question';
import { ALERTS_NOTE, constantLine, onOff } from './spans';
import { programs } from './program';

const TRIGGER_MS = 5000;
const RUN_LENGTH_MS = 120_000;
const HOME = ['FR', 'DE', 'ES', 'IT', 'NL', 'BE'];
const MERCHANTS = ['grocer', 'fuel', 'cafe', 'pharmacy', 'books', 'transit', 'online'];

const schema: ParamSchema = [
	{
		id: 'maxTxnPerWindow',
		label: 'alert when more payments than',
		kind: 'number',
		unit: '',
		min: 2,
		max: 20,
		step: 1,
		default: 5,
		help: 'MAX_TXN_PER_WINDOW: a card with more payments than this in one window raises an alert.'
	},
	{
		id: 'maxAmountPerWindow',
		label: 'alert when the total is above',
		kind: 'number',
		unit: '€',
		min: 100,
		max: 10000,
		step: 100,
		default: 2000,
		help: 'MAX_AMOUNT_PER_WINDOW: a card spending more than this in one window raises an alert.'
	},
	{
		id: 'dedup',
		label: 'drop retried payments',
		kind: 'choice',
		options: [
			{ value: 'on', label: 'dropDuplicatesWithinWatermark' },
			{ value: 'off', label: 'no deduplication' }
		],
		default: 'on',
		help: 'A retried payment reuses its txn_id. With dropDuplicatesWithinWatermark it counts once; without it the retry counts again and can push an honest card over the threshold.'
	},
	seconds(
		'velocityWindow',
		'window length',
		[10, 300],
		60,
		'Each window counts a card’s payments over this much event time.'
	),
	seconds(
		'velocitySlide',
		'slide',
		[5, 60],
		10,
		'A new window starts this often, so every payment falls into window ÷ slide windows.'
	),
	{
		id: 'cards',
		label: 'cards',
		kind: 'number',
		unit: '',
		min: 4,
		max: 60,
		step: 1,
		default: 12,
		simulationOnly: true,
		help: 'How many cards pay during the run.'
	},
	percent(
		'fraudRate',
		'cards turning fraudulent',
		50,
		25,
		'The share of cards that fire a burst of small payments, half of it from a second country.'
	),
	percent(
		'retryRate',
		'payments the network retries',
		40,
		10,
		'The share of payments sent twice: same txn_id and event time, a few seconds later.'
	)
];

const presets: readonly EventTimePreset[] = [
	{
		id: 'fraud',
		label: 'Fraud: a burst caught in overlapping windows',
		description:
			'Three cards burst. Each burst lands in several 60 s windows sliding every 10 s: the first crossing raises an alert within one trigger, and update mode sends the (card, window) again every time it grows, so the alert pane repeats it.',
		params: {}
	},
	{
		id: 'no-dedup',
		label: 'Retries counted twice',
		description:
			'Without dropDuplicatesWithinWatermark, a retried payment counts again: honest cards whose payments were retried cross the threshold and raise false alerts.',
		params: { dedup: 'off', retryRate: 30, maxTxnPerWindow: 3 }
	},
	{
		id: 'tumbling-misses',
		label: 'Tumbling windows split a burst',
		description:
			'Window 60 s, slide 60 s: each payment counts in one window instead of six, so a burst raises far fewer alert rows, and a burst that straddles a minute boundary is cut in two halves, each judged alone.',
		params: { velocitySlide: 60 }
	}
];

const template = mainProgram(programs);

/** One card's payment: the event, and its retry when the network sends it again. */
function payment(
	rng: Rng,
	card: string,
	n: number,
	atMs: number,
	amount: number,
	country: string,
	retryRate: number
): SimEvent[] {
	const txn = `${card}-t${String(n).padStart(3, '0')}`;
	const first: SimEvent = {
		stream: 'txns',
		id: txn,
		arrivalMs: procTime(Math.round(atMs + rng.uniform(100, 900))),
		eventTimeMs: eventTime(Math.round(atMs)),
		key: card,
		reading: Math.round(amount * 100) / 100,
		delayed: false,
		eventId: txn,
		fields: { merchant: MERCHANTS[rng.int(MERCHANTS.length)] as string, country }
	};
	if (!(rng.next() < retryRate)) return [first];
	const retry = procTime(Math.round(first.arrivalMs + rng.uniform(1500, 6000)));
	return [first, { ...first, id: `${txn}-retry`, arrivalMs: retry, duplicateOf: txn }];
}

function transactions(params: Readonly<Record<string, number | string>>, seed: number) {
	const rng = createRng(seed);
	const cards = numberParam(params, 'cards');
	const fraudRate = numberParam(params, 'fraudRate') / 100;
	const retryRate = numberParam(params, 'retryRate') / 100;
	const fraudulent = Math.round(cards * fraudRate);
	const out: SimEvent[] = [];
	for (let c = 0; c < cards; c++) {
		const r = rng.fork();
		const card = `card-${String(c + 1).padStart(2, '0')}`;
		const home = HOME[c % HOME.length] as string;
		let n = 0;
		// An honest card pays every 10-40 s.
		for (let t = r.uniform(0, 15_000); t < RUN_LENGTH_MS - 2000; t += r.uniform(10_000, 40_000))
			out.push(...payment(r, card, n++, t, r.uniform(8, 180), home, retryRate));
		// The first `fraudulent` cards burst: 8 small payments 2-5 s apart, half from abroad.
		if (c < fraudulent) {
			const abroad = HOME[(c + 3) % HOME.length] as string;
			// Bursts start early enough that the page opens (batch 8, 40 s) on its first alerts.
			let t = r.uniform(10_000, 40_000);
			for (let i = 0; i < 8; i++, t += r.uniform(2000, 5000))
				out.push(...payment(r, card, n++, t, r.uniform(40, 350), i < 4 ? home : abroad, retryRate));
		}
	}
	return byArrival(out.filter((e) => e.arrivalMs < RUN_LENGTH_MS));
}

/** The record as the card network writes it: TXN_SCHEMA's fields in its order. */
function txnValue(e: SimEvent): string {
	return JSON.stringify({
		txn_id: e.eventId,
		card_id: e.key,
		amount: e.reading,
		merchant: e.fields?.merchant,
		country: e.fields?.country,
		event_time: isoEventTime(e.eventTimeMs)
	});
}

export const fraudCase = eventTimeCase({
	programId: 'main',
	template,
	schema,
	presets,
	triggerMs: TRIGGER_MS,
	runLengthMs: RUN_LENGTH_MS,
	stream: 'txns',
	topic: 'card-transactions',
	events: transactions,
	kafkaValue: txnValue,
	rewrites: (params) => ({
		maxTxnPerWindow: constantLine(String(numberParam(params, 'maxTxnPerWindow'))),
		maxAmountPerWindow: constantLine(`${numberParam(params, 'maxAmountPerWindow')}.0`),
		dedup: onOff(choiceParam(params, 'dedup') === 'on'),
		velocityWindow: duration(numberParam(params, 'velocityWindow')),
		velocitySlide: duration(numberParam(params, 'velocitySlide'))
	}),
	apiNote: 'Case A: per-card velocity windows over card payments; every sink row is an alert.',
	alerts: {
		title: 'Fraud alerts (topic fraud-alerts)',
		note: `${ALERTS_NOTE} Windows are in the records’ UTC clock: the plot’s 0 s is 10:00:00.`,
		limits: [
			{ param: 'maxTxnPerWindow', name: 'MAX_TXN_PER_WINDOW', column: 'txn_count' },
			{ param: 'maxAmountPerWindow', name: 'MAX_AMOUNT_PER_WINDOW', column: 'total_amount' }
		]
	}
});
