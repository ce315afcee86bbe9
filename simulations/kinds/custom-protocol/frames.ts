/**
 * A custom-protocol run as the page plays it: each recorded call placed on the processing-time
 * axis (a batch's calls spread over most of its trigger interval, in the order Spark made them,
 * so the sequence plays at 1x), and the run cut at a cursor (`frameAt`): the batch on screen, its
 * calls so far, the offsets logged, the writer's files, the replays and how many rows they
 * changed. The UI reads these; it never calls the protocol itself.
 */
import type {
	ProtocolBatch,
	ProtocolCall,
	ProtocolRun
} from '../../structured/datasource/protocol';

export interface CpRun extends ProtocolRun {
	/** Where each call (by seq) is shown on the time axis. */
	readonly callMs: readonly number[];
	/** Where each batch attempt's last call is shown (by index in `batches`). */
	readonly batchEndMs: readonly number[];
}

export interface CpFrame {
	readonly t: number;
	/** The attempt on screen (the latest whose first call has been shown). */
	readonly batch: ProtocolBatch | null;
	/** Its calls shown so far, in order. */
	readonly calls: readonly ProtocolCall[];
	/** The last call shown (what the narration says). */
	readonly last: ProtocolCall | null;
	/** Attempts whose calls have all been shown. */
	readonly done: readonly ProtocolBatch[];
	/** offsets/N entries written so far: batch id → end offset JSON. */
	readonly offsetLog: readonly { batchId: number; end: string; committed: boolean }[];
	readonly files: Readonly<Record<string, string>>;
	readonly down: boolean;
	/** Replays finished so far, and the rows they read differently from the first attempt. */
	readonly replays: number;
	readonly differingRows: number;
	/** Lines in the writer's files, and the batches committed (commits/N) so far. */
	readonly sinkLines: number;
	readonly committedBatches: number;
	readonly failed: string | null;
}

/** Spreads each trigger's calls over 80% of the interval (at least 1.6 s). */
export function placeCalls(run: ProtocolRun): CpRun {
	const spanMs = Math.max(1600, run.intervalMs * 0.8);
	const groups = new Map<number, ProtocolCall[]>();
	for (const c of run.calls) groups.set(c.atMs, [...(groups.get(c.atMs) ?? []), c]);
	const callMs: number[] = [];
	for (const [at, cs] of groups)
		cs.forEach((c, k) => (callMs[c.seq] = at + Math.round((k * spanMs) / cs.length)));
	const batchEndMs = run.batches.map((b) => {
		const mine = attemptCalls(run, b);
		return Math.max(b.triggerMs, ...mine.map((c) => callMs[c.seq] ?? b.triggerMs));
	});
	return { ...run, callMs, batchEndMs, endMs: Math.max(run.endMs, ...batchEndMs) };
}

/** Every call of one batch attempt, made or to come (batch 0's include the query's start). */
export function attemptCalls(run: ProtocolRun, b: ProtocolBatch): ProtocolCall[] {
	return run.calls.filter(
		(c) =>
			c.atMs === b.triggerMs &&
			((c.batchId === b.batchId && c.attempt === b.attempt) || c.batchId < 0)
	);
}

const lineCount = (files: Readonly<Record<string, string>>) =>
	Object.values(files).reduce((s, text) => s + text.split('\n').filter((l) => l !== '').length, 0);

export function frameAt(run: CpRun, t: number): CpFrame {
	const shown = run.calls.filter((c) => (run.callMs[c.seq] ?? Infinity) <= t);
	const last = shown.at(-1) ?? null;
	const index = run.batches.findLastIndex((b) => b.triggerMs <= t);
	const batch = index >= 0 ? (run.batches[index] ?? null) : null;
	const calls = batch
		? attemptCalls(run, batch).filter((c) => (run.callMs[c.seq] ?? Infinity) <= t)
		: shown;
	const done = run.batches.filter((_, i) => (run.batchEndMs[i] ?? Infinity) <= t);
	const offsetLog = new Map<number, { batchId: number; end: string; committed: boolean }>();
	for (const c of shown) {
		const m = /^(offsets|commits)\/(\d+)$/.exec(c.method);
		if (!m) continue;
		const id = Number(m[2]);
		if (m[1] === 'offsets') offsetLog.set(id, { batchId: id, end: c.result, committed: false });
		else {
			const e = offsetLog.get(id);
			if (e) offsetLog.set(id, { ...e, committed: true });
		}
	}
	const files = done.at(-1)?.files ?? {};
	const replays = done.filter((b) => b.attempt > 0);
	return {
		t,
		batch,
		calls,
		last,
		done,
		offsetLog: [...offsetLog.values()],
		files,
		down: run.restarts.some((r) => r.stopMs <= t && t < r.startMs),
		replays: replays.length,
		differingRows: replays.reduce((s, b) => s + b.differingRows, 0),
		sinkLines: lineCount(files),
		committedBatches: [...offsetLog.values()].filter((e) => e.committed).length,
		failed: run.failure && run.failure.atMs <= t ? run.failure.error.message : null
	};
}
