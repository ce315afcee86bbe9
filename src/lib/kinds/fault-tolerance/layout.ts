/**
 * The fault-tolerance view's layout, a pure function of the run at the cursor: the driver loop's
 * five phases for the batch under the cursor (done, running, where it died, not reached), the
 * attempts as a strip (a replay drawn beside the attempt it repeats, with its offsets), the
 * checkpoint and output folders grouped by directory (the newest few names of each, the rest
 * counted), and each state partition's versions (delta or delta + snapshot).
 */
import {
	PHASES,
	PHASE_OF_FAILURE,
	type FtBatch,
	type FtFile,
	type FtFrame,
	type FtRun,
	type LoopPhase
} from '$sim/kinds/fault-tolerance';

export const PHASE_LABEL: Readonly<Record<LoopPhase, string>> = {
	plan: 'plan offsets',
	offsetLog: 'write offsets/N',
	run: 'run tasks',
	sink: 'write the sink',
	commit: 'write commits/N'
};

export interface FailureChoice {
	/** The `failurePhase` parameter's value. */
	readonly value: string;
	readonly label: string;
}

/** The failures each phase offers (what its controls set); commits/N written, nothing is left. */
export const FAILURES_AT: Readonly<Record<LoopPhase, readonly FailureChoice[]>> = {
	plan: [{ value: 'beforeOffsetLog', label: 'driver dies here' }],
	offsetLog: [{ value: 'afterOffsetLog', label: 'driver dies after it' }],
	run: [
		{ value: 'duringProcessing', label: 'driver dies here' },
		{ value: 'executorLost', label: 'lose an executor' }
	],
	sink: [{ value: 'afterSinkBeforeCommit', label: 'driver dies after it' }],
	commit: []
};

export type PhaseStatus = 'done' | 'active' | 'died' | 'pending' | 'skipped';

export interface PhaseBox {
	readonly phase: LoopPhase;
	readonly label: string;
	readonly status: PhaseStatus;
	/** The failures a control on this phase injects in this batch. */
	readonly failures: readonly FailureChoice[];
}

export function loopPhases(frame: FtFrame): PhaseBox[] {
	const b = frame.current;
	return PHASES.map((phase) => {
		const label =
			b?.replay && phase === 'offsetLog'
				? `offsets/${b.batchId} already logged`
				: PHASE_LABEL[phase].replace('N', b ? String(b.batchId) : 'N');
		const failures = b?.replay && phase === 'offsetLog' ? [] : FAILURES_AT[phase];
		if (!b) return { phase, label, status: 'pending', failures };
		const started = b.phases[phase];
		const diedHere =
			b.failed !== null &&
			b.failed !== 'executorLost' &&
			PHASE_OF_FAILURE[b.failed] === phase &&
			frame.t >= b.endMs;
		let status: PhaseStatus;
		if (diedHere) status = 'died';
		else if (started === undefined)
			status = frame.t >= b.endMs || (b.replay && phase === 'offsetLog') ? 'skipped' : 'pending';
		else if (frame.phase === phase) status = 'active';
		else if (started <= frame.t) status = 'done';
		else status = 'pending';
		return { phase, label, status, failures };
	});
}

export interface AttemptChip {
	readonly key: string;
	readonly batchId: number;
	readonly replay: boolean;
	readonly died: boolean;
	readonly executorLost: boolean;
	readonly current: boolean;
	readonly title: string;
}

export const offsetsText = (run: FtRun, b: FtBatch): string =>
	Object.keys(b.end).length === 0
		? 'no offsets planned'
		: Object.entries(b.end)
				.map(([p, e]) => `${run.topic}-${p} [${b.start[Number(p)] ?? 0}, ${e})`)
				.join(', ');

export function attemptChips(run: FtRun, frame: FtFrame, last = 14): AttemptChip[] {
	return frame.batches.slice(-last).map((b) => ({
		key: `${b.batchId}-${b.attempt}`,
		batchId: b.batchId,
		replay: b.replay,
		died: b.failed !== null && b.failed !== 'executorLost' && b.endMs <= frame.t,
		executorLost: b.failed === 'executorLost',
		current: b === frame.current,
		title: `batch ${b.batchId}${b.replay ? ' (re-run)' : ''}: ${offsetsText(run, b)}`
	}));
}

/** The crashed attempt and its replay, when the cursor has reached the replay. */
export function replayPair(frame: FtFrame): { first: FtBatch; again: FtBatch } | null {
	const again = [...frame.batches].reverse().find((b) => b.replay);
	if (!again) return null;
	const first = frame.batches.find((b) => b.batchId === again.batchId && b.attempt === 1);
	return first ? { first, again } : null;
}

export interface FolderGroup {
	readonly dir: string;
	readonly count: number;
	/** The newest names, oldest first. */
	readonly shown: readonly FtFile[];
	readonly hidden: number;
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const ORDER = ['', 'sources/0', 'offsets', 'commits'];

export function folderGroups(files: readonly FtFile[], keep = 4): FolderGroup[] {
	const by = new Map<string, FtFile[]>();
	for (const f of files) {
		const d = dirOf(f.path);
		by.set(d, [...(by.get(d) ?? []), f]);
	}
	const rank = (d: string) => {
		const i = ORDER.indexOf(d);
		return i < 0 ? ORDER.length : i;
	};
	return [...by.entries()]
		.sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
		.map(([dir, list]) => ({
			dir,
			count: list.length,
			shown: list.slice(-keep),
			hidden: Math.max(0, list.length - keep)
		}));
}

export interface StateVersion {
	readonly version: number;
	readonly snapshot: boolean;
	readonly delta: FtFile | null;
	readonly snapshotFile: FtFile | null;
}

export interface StatePartition {
	readonly dir: string;
	readonly versions: readonly StateVersion[];
	readonly hidden: number;
	/** What a recovery now would load: the latest snapshot, then the deltas after it. */
	readonly recovery: string;
}

export function statePartitions(files: readonly FtFile[], keep = 12): StatePartition[] {
	const by = new Map<string, Map<number, { delta: FtFile | null; snapshot: FtFile | null }>>();
	for (const f of files) {
		const m = /^(state\/\d+\/\d+)\/(\d+)\.(delta|snapshot)$/.exec(f.path);
		if (!m) continue;
		const dir = m[1] as string;
		const v = Number(m[2]);
		const versions = by.get(dir) ?? new Map();
		by.set(dir, versions);
		const e = versions.get(v) ?? { delta: null, snapshot: null };
		if (m[3] === 'delta') e.delta = f;
		else e.snapshot = f;
		versions.set(v, e);
	}
	return [...by.entries()]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([dir, versions]) => {
			const all = [...versions.entries()]
				.sort(([a], [b]) => a - b)
				.map(([version, e]) => ({
					version,
					snapshot: e.snapshot !== null,
					delta: e.delta,
					snapshotFile: e.snapshot
				}));
			const latest = all.at(-1)?.version ?? 0;
			const snap = [...all].reverse().find((v) => v.snapshot)?.version ?? null;
			const recovery =
				snap === null
					? `recovery replays ${latest} deltas (1…${latest})`
					: snap === latest
						? `recovery loads ${snap}.snapshot`
						: `recovery loads ${snap}.snapshot, then replays ${latest - snap} deltas`;
			return { dir, versions: all.slice(-keep), hidden: Math.max(0, all.length - keep), recovery };
		});
}
