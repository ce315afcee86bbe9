/**
 * The simulation-only controls of a DStream tab with a driver failure (basic-06, basic-14): when
 * the driver dies, how long the deployment takes to restart it, and whether the program was
 * changed for the restart. Spark has no setting for any of them; the failure comes from outside,
 * and "changed" means the first driver ran the tab's default program while the restart deploys
 * the one shown (getOrCreate then ignores it, ../../dstream/recovery.ts). Also the socket lines
 * both pages read: "device,reading" from a few sensors.
 */
import { choiceParam, numberParam } from '../../core/params';
import type { ParamSchema, ParamSpec, Params } from '../../core/params';
import { createRng } from '../../core/rng';
import type { DStreamScenario } from './question';
import type { SocketLine } from './socket-lines';

export interface RestartDefaults {
	readonly failAt: number;
	readonly restartDelay: number;
	/** The run's length in seconds: the failure must come before its end. */
	readonly runSeconds: number;
}

export function restartSchema(d: RestartDefaults): ParamSpec[] {
	return [
		{
			id: 'failAt',
			label: 'driver fails at',
			kind: 'number',
			unit: 's',
			min: 1,
			max: d.runSeconds - 10,
			step: 1,
			default: d.failAt,
			simulationOnly: true,
			help: 'When the driver process dies. Its executors, their receivers and the blocks they hold in memory die with it.'
		},
		{
			id: 'restartDelay',
			label: 'restarted after',
			kind: 'number',
			unit: 's',
			min: 0,
			max: 20,
			step: 1,
			default: d.restartDelay,
			simulationOnly: true,
			help: 'How long the deployment (cluster-mode supervision, a YARN attempt) takes to start the driver again; the batches of that time are generated at once on restart.'
		},
		{
			id: 'redeploy',
			label: 'code at restart',
			kind: 'choice',
			options: [
				{ value: 'same', label: 'unchanged' },
				{ value: 'edited', label: 'edited after the crash' }
			],
			default: 'same',
			simulationOnly: true,
			help: 'Edited: the first driver ran the default program, the restart deploys the one shown. getOrCreate finds the checkpoint and never calls create_context, so the edit is not picked up.'
		}
	];
}

/** The failure and the program the first driver ran, for DStreamScenario.driverRestart. */
export function driverRestartOf(
	schema: ParamSchema,
	program: (params: Params) => string
): NonNullable<DStreamScenario['driverRestart']> {
	return (params, code) => ({
		failure: {
			failAtMs: numberParam(params, 'failAt') * 1000,
			restartDelayMs: numberParam(params, 'restartDelay') * 1000
		},
		firstCode:
			choiceParam(params, 'redeploy') === 'edited'
				? program(Object.fromEntries(schema.map((p) => [p.id, p.default])))
				: code
	});
}

const DEVICES = ['sensor-1', 'sensor-2', 'sensor-3'];

/** One "device,reading" line every half second on average (seeded), over the run. */
export function deviceLines(seed: number, runMs: number): SocketLine[] {
	const rng = createRng(seed);
	const out: SocketLine[] = [];
	for (let t = 0; ;) {
		t += 250 + rng.int(500);
		if (t > runMs) return out;
		const device = DEVICES[rng.int(DEVICES.length)] ?? 'sensor-1';
		out.push({ atMs: t, line: `${device},${(18 + rng.next() * 8).toFixed(1)}` });
	}
}
