/**
 * The driver's life on one time axis (SIM-2 with a driver failure): up until the crash, down
 * until the restart, up again; a tick per batch (done by the first driver, re-run by the
 * restarted one, or new), the metadata checkpoint the restart read and the state checkpoint it
 * restored. Pure: run, cursor and width in, geometry out; every fact is the engine's (DsRestart).
 */
import type { DsRun } from '$sim/kinds/dstream';
import { secondsLabel } from '../format';

export type TickKind = 'first' | 'rerun' | 'after';

export interface RestartGeometry {
	readonly width: number;
	readonly height: number;
	readonly up: readonly { readonly x0: number; readonly x1: number }[];
	readonly down: { readonly x0: number; readonly x1: number; readonly label: string };
	readonly ticks: readonly { readonly key: string; readonly x: number; readonly kind: TickKind }[];
	readonly marks: readonly { readonly key: string; readonly x: number; readonly label: string }[];
	readonly cursor: number;
}

const SIDE = 8;
const AXIS_Y = 30;

export function layoutRestart(run: DsRun, now: number, width: number): RestartGeometry | null {
	const r = run.restart;
	if (!r) return null;
	const end = Math.max(run.endMs, 1);
	const x = (t: number) => SIDE + (Math.min(Math.max(t, 0), end) / end) * (width - 2 * SIDE);
	const marks = [
		...(r.checkpointTime !== null
			? [
					{
						key: 'meta',
						x: x(r.checkpointTime),
						label: `checkpoint ${secondsLabel(r.checkpointTime)}`
					}
				]
			: []),
		...(r.dataCheckpointTime !== null && r.dataCheckpointTime > 0
			? [
					{
						key: 'data',
						x: x(r.dataCheckpointTime),
						label: `state ${secondsLabel(r.dataCheckpointTime)}`
					}
				]
			: [])
	];
	return {
		width,
		height: AXIS_Y + 34,
		up: [
			{ x0: x(0), x1: x(r.failAtMs) },
			{ x0: x(r.restartAtMs), x1: x(end) }
		],
		down: {
			x0: x(r.failAtMs),
			x1: x(r.restartAtMs),
			label: `down ${secondsLabel(r.failAtMs)}–${secondsLabel(r.restartAtMs)}`
		},
		ticks: run.batches.map((b) => ({
			key: `${b.batchTime}${b.attempt === 1 ? 'r' : ''}`,
			x: x(b.rerun ? b.endMs : b.batchTime),
			kind: b.attempt === 0 ? 'first' : b.rerun ? 'rerun' : 'after'
		})),
		marks,
		cursor: x(now)
	};
}

/** The restart in one sentence: what was re-run, read back, lost, ignored. */
export function restartSummary(run: DsRun): string {
	const r = run.restart;
	if (!r) return '';
	const n = (k: number, what: string) =>
		`${k} ${what}${k === 1 ? '' : what.endsWith('h') ? 'es' : 's'}`;
	const times = r.rerunTimes.map(secondsLabel).join(', ');
	const head = r.fromCheckpoint
		? `getOrCreate rebuilt the context from checkpoint ${secondsLabel(r.checkpointTime ?? 0)} without calling the setup function; ${n(r.rerunTimes.length, 'batch')} re-run (${times})`
		: 'no checkpoint to recover from: a fresh start, with empty state and nothing re-run';
	const data = r.wal
		? `${n(r.recoveredFromLog, 'record')} read back from the write-ahead log`
		: `${n(r.lostReceived, 'received record')} lost (no write-ahead log)`;
	const code = r.codeIgnored ? '; the edited program was not used' : '';
	return `${head}; ${data}; ${n(r.notReceived, 'line')} sent while down never received${code}.`;
}
