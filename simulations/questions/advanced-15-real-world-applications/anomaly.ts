/**
 * advanced-15 case C (SIM-12 on the keyed-state kind): anomaly detection with a rolling z-score
 * kept in arbitrary state. Each sensor's function call gets its new readings and its state
 * (n, mean, var: an exponentially weighted mean and variance), scores each reading against the
 * state before it, and yields the readings more than Z_THRESHOLD deviations away once WARMUP
 * readings have built the statistics. The state is the model; a ProcessingTimeTimeout forgets a
 * sensor that went quiet (SPARK-SEMANTICS R5.4, applyInPandasWithState, PY-GROUPOPS).
 */
import { clampParams, numberParam, type ParamSchema } from '../../core/params';
import { mainProgram, renderProgram } from '../../core/template';
import type { SimPreset } from '../../kinds/kind';
import type { KeyedSend, KeyedStateQuestion } from '../../kinds/keyed-state/question';
import type { Rng } from '../../core/rng';
import { ALERTS_NOTE, constantLine } from './spans';
import { programs } from './program';

const RUN_MS = 90_000;
/** Two readings a second: the 20 readings of warm-up are done by 10 s, so the page opens (batch
 *  5, 25 s) on scored readings. */
const EVERY_MS = 500;
/** The last sensor stops reporting here: only a timeout removes its state. */
const QUIET_FROM_MS = 40_000;

const schema: ParamSchema = [
	{
		id: 'zThreshold',
		label: 'alert beyond |z| of',
		kind: 'number',
		unit: 'σ',
		min: 1,
		max: 8,
		step: 0.5,
		default: 3.5,
		help: 'Z_THRESHOLD: a reading further than this many standard deviations from the sensor’s running mean is an anomaly.'
	},
	{
		id: 'ewmaAlpha',
		label: 'weight of each new reading',
		kind: 'number',
		unit: '',
		min: 0.01,
		max: 0.5,
		step: 0.01,
		default: 0.1,
		help: 'ALPHA: how much each reading moves the exponentially weighted mean and variance kept in state.'
	},
	{
		id: 'warmupReadings',
		label: 'warm-up readings',
		kind: 'number',
		unit: '',
		min: 0,
		max: 50,
		step: 1,
		default: 20,
		help: 'WARMUP: readings a sensor’s state must have seen before its z-scores are trusted.'
	},
	{
		id: 'idleTimeout',
		label: 'forget a quiet sensor after',
		kind: 'number',
		unit: 'ms',
		min: 5000,
		max: 600000,
		step: 5000,
		default: 600000,
		help: 'IDLE_TIMEOUT_MS: a processing-time timeout; the call with hasTimedOut removes the sensor’s state.'
	},
	{
		id: 'sensors',
		label: 'sensors',
		kind: 'number',
		unit: '',
		min: 1,
		max: 8,
		step: 1,
		default: 4,
		simulationOnly: true,
		help: 'Sensors reporting twice a second; the last one goes quiet at 40 s.'
	},
	{
		id: 'spikeRate',
		label: 'readings that spike',
		kind: 'number',
		unit: '%',
		min: 0,
		max: 10,
		step: 1,
		default: 3,
		simulationOnly: true,
		help: 'The share of readings a faulty pump or a short circuit pushes far from normal.'
	}
];

const presets: readonly SimPreset[] = [
	{
		id: 'anomaly',
		label: 'Anomaly: z-scores from state',
		description:
			'Each sensor’s state holds (n, mean, var). After 20 readings of warm-up, a reading more than 3.5 σ from the running mean is yielded: the alert pane lists it with the mean it was compared to.',
		params: {}
	},
	{
		id: 'no-warmup',
		label: 'No warm-up: false alarms',
		description:
			'WARMUP = 2: the variance is built from two readings, tiny and unreliable, so ordinary noise scores many σ and floods the alert pane in the first seconds.',
		params: { warmupReadings: 2 }
	},
	{
		id: 'idle-timeout',
		label: 'A quiet sensor is forgotten',
		description:
			'IDLE_TIMEOUT_MS = 15000: the last sensor stops at 40 s; 15 s later its function is called with hasTimedOut = True and no rows, and state.remove() drops its statistics.',
		params: { idleTimeout: 15000 }
	}
];

const template = mainProgram(programs, 'anomaly');
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

/** A Python float literal: `0.1`, `3.5`, `4.0`. */
const float = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(v));

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	zThreshold: constantLine(float(Number(params.zThreshold))),
	ewmaAlpha: constantLine(float(Number(params.ewmaAlpha))),
	warmupReadings: constantLine(String(params.warmupReadings)),
	idleTimeout: constantLine(String(params.idleTimeout))
});

/** Every sensor reports once a second around its own level with its own noise; `spikeRate`
 *  of the readings jump 5-9 noise widths away. */
function values(rng: Rng, sensors: number, spikeRate: number): KeyedSend[] {
	const out: KeyedSend[] = [];
	for (let s = 0; s < sensors; s++) {
		const sensor = `pump-${s + 1}`;
		const level = 40 + s * 15 + rng.uniform(-3, 3);
		const noise = 0.5 + rng.next();
		const quiet = sensors > 1 && s === sensors - 1;
		for (let t = 300 + rng.int(700); t < RUN_MS; t += EVERY_MS) {
			if (quiet && t >= QUIET_FROM_MS) break;
			const spike = rng.next() < spikeRate;
			const jitter = (rng.next() + rng.next() + rng.next() - 1.5) * 2 * noise;
			const v = spike
				? level + (rng.next() < 0.5 ? -1 : 1) * rng.uniform(5, 9) * noise
				: level + jitter;
			out.push({
				atMs: t,
				key: sensor,
				fields: { sensor_id: sensor, value: Math.round(v * 100) / 100 }
			});
		}
	}
	return out.sort((a, b) => a.atMs - b.atMs || (a.key < b.key ? -1 : 1));
}

export const anomalyCase: KeyedStateQuestion = {
	slug: 'advanced-15-real-world-applications',
	kind: 'keyed-state',
	programId: 'anomaly',
	schema,
	presets,
	template,
	structural: [],
	generatorParams: ['sensors', 'spikeRate'],
	openingPreset: 'anomaly',
	otherUrlKeys: ['case'],
	apiNote: 'Case C: a rolling z-score per sensor, its statistics kept in applyInPandasWithState.',
	alerts: {
		title: 'Anomalies (topic sensor-anomalies)',
		note: ALERTS_NOTE,
		limits: [{ param: 'zThreshold', name: 'Z_THRESHOLD', column: 'z_score', absolute: true }]
	},
	constrain,
	rewrites: (params) => rewrites(params),
	program: (params) => renderProgram(template, rewrites(constrain(params).params)),
	world: (params) => ({
		topic: 'sensor-values',
		runMs: RUN_MS,
		sends: (rng) =>
			values(rng, numberParam(params, 'sensors'), numberParam(params, 'spikeRate') / 100)
	})
};
