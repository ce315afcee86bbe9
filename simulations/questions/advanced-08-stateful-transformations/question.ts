/**
 * advanced-08 (stateful transformations): sessions per user with applyInPandasWithState. The
 * page's program keeps (clicks, first, last) per user and emits the session when the user's
 * timeout fires. The timeout kind is a span of the program in three places: the timeoutConf,
 * the call that sets the deadline (setTimeoutDuration, setTimeoutTimestamp, or none), and the
 * watermark an event-time timeout needs. The clicks come in bursts per user separated by idle
 * gaps (simulation only), so sessions open, go idle and time out on screen.
 */
import { clampParams, numberParam, type ParamSchema } from '../../core/params';
import { mainProgram, renderProgram, type SpanRewrite } from '../../core/template';
import { duration } from '../../kinds/event-time/spans';
import { seconds } from '../../kinds/event-time/param-specs';
import type { SimPreset } from '../../kinds/kind';
import type { KeyedSend, KeyedStateQuestion } from '../../kinds/keyed-state/question';
import { USER_NAMES } from '../../kinds/keyed-state/users';
import { programs } from './program';

const TIMEOUTS = ['ProcessingTimeTimeout', 'EventTimeTimeout', 'NoTimeout'] as const;
const PAGES = ['/home', '/search', '/product', '/cart', '/checkout'];

const schema: ParamSchema = [
	{
		id: 'timeoutKind',
		label: 'timeout',
		kind: 'choice',
		options: TIMEOUTS.map((t) => ({ value: t, label: t })),
		default: 'ProcessingTimeTimeout',
		help: 'ProcessingTimeTimeout: a deadline on the trigger clock (setTimeoutDuration). EventTimeTimeout: a deadline the watermark must pass (setTimeoutTimestamp, needs withWatermark). NoTimeout: a key is never called without rows.'
	},
	{
		id: 'sessionTimeout',
		label: 'session timeout',
		kind: 'number',
		unit: 'ms',
		min: 2000,
		max: 60000,
		step: 1000,
		default: 10000,
		help: 'SESSION_TIMEOUT_MS: how long a user may be idle before the session is closed.'
	},
	seconds(
		'triggerInterval',
		'trigger interval',
		[1, 10],
		2,
		'A micro-batch starts every this many seconds; timeouts are only checked when one runs.'
	),
	{
		id: 'numUsers',
		label: 'users',
		kind: 'number',
		min: 1,
		max: 30,
		step: 1,
		unit: '',
		default: 6,
		simulationOnly: true,
		help: 'Users clicking.'
	},
	{
		id: 'burstGap',
		label: 'idle gap between bursts',
		kind: 'number',
		unit: 's',
		min: 5,
		max: 120,
		step: 5,
		default: 20,
		simulationOnly: true,
		help: 'Each user clicks in bursts separated by about this many idle seconds.'
	}
];

const presets: readonly SimPreset[] = [
	{
		id: 'sessions-with-timeouts',
		label: 'Sessions with a processing-time timeout',
		description:
			'Each user’s function is called when the user clicks, and once more, with hasTimedOut = True and no rows, at the first trigger after 10 s idle: that call emits the session and removes the state. Batches run every 2 s even with no data, only to check deadlines.',
		params: {}
	},
	{
		id: 'event-time-timeout',
		label: 'Event-time timeout',
		description:
			'The deadline is last click + 10 s of event time, and it fires only when the watermark (max event time − 10 s) passes it: sessions close later, and only while someone keeps clicking to move the watermark.',
		params: { timeoutKind: 'EventTimeTimeout' }
	},
	{
		id: 'no-timeout',
		label: 'No timeout: state grows',
		description:
			'GroupStateTimeout.NoTimeout: the function is called only for users with clicks, never with hasTimedOut, so no session is ever emitted and every user stays in state; with 20 users the store only grows.',
		params: { timeoutKind: 'NoTimeout', numUsers: 20 }
	}
];

const template = mainProgram(programs);
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

/** The three lines the timeout kind decides, told apart by what each says. */
const timeoutLine =
	(kind: string): SpanRewrite =>
	(line) => {
		const indent = /^\s*/.exec(line)?.[0] ?? '';
		if (line.includes('withWatermark')) return kind === 'EventTimeTimeout' ? line : null;
		if (line.includes('timeoutConf='))
			return line.replace(/GroupStateTimeout\.\w+/, `GroupStateTimeout.${kind}`);
		if (/state\.setTimeout/.test(line)) {
			if (kind === 'ProcessingTimeTimeout')
				return `${indent}state.setTimeoutDuration(SESSION_TIMEOUT_MS)`;
			if (kind === 'EventTimeTimeout')
				return `${indent}state.setTimeoutTimestamp(int(last_seen.timestamp() * 1000) + SESSION_TIMEOUT_MS)`;
			return null;
		}
		return line;
	};

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	timeoutKind: timeoutLine(String(params.timeoutKind)),
	sessionTimeout: (line: string) => line.replace(/\d+/, String(params.sessionTimeout)),
	triggerInterval: duration(Number(params.triggerInterval))
});

/** Each user clicks in bursts of 2-5 clicks about a second apart, then idles about `gapS`. */
function clicks(rng: { next(): number }, users: number, gapS: number, runMs: number): KeyedSend[] {
	const out: KeyedSend[] = [];
	for (let u = 0; u < users; u++) {
		const user = USER_NAMES[u] ?? `user${u + 1}`;
		let t = 500 + Math.round(rng.next() * 8000);
		while (t < runMs) {
			const burst = 2 + Math.floor(rng.next() * 4);
			for (let i = 0; i < burst && t < runMs; i++) {
				out.push({
					atMs: t,
					key: user,
					fields: { user, page: PAGES[Math.floor(rng.next() * PAGES.length)] as string }
				});
				t += 400 + Math.round(rng.next() * 1100);
			}
			t += Math.round(gapS * 1000 * (0.7 + rng.next() * 0.6));
		}
	}
	return out.sort((a, b) => a.atMs - b.atMs || (a.key < b.key ? -1 : 1));
}

export const advanced08Sessions: KeyedStateQuestion = {
	slug: 'advanced-08-stateful-transformations',
	kind: 'keyed-state',
	programId: 'main',
	schema,
	presets,
	template,
	structural: ['timeoutKind'],
	generatorParams: ['numUsers', 'burstGap'],
	openingPreset: 'sessions-with-timeouts',
	constrain,
	rewrites: (params) => rewrites(params),
	program: (params) => renderProgram(template, rewrites(constrain(params).params)),
	world: (params) => ({
		topic: 'clicks',
		runMs: 60_000,
		sends: (rng) =>
			clicks(rng, numberParam(params, 'numUsers'), numberParam(params, 'burstGap'), 60_000)
	})
};
