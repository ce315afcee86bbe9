/**
 * Why scaling lags a spike, request by request: each executor asked for, when it was asked
 * for, and what became of it — registered after the start-up time, or cancelled first because
 * the target fell (a batch's task queue drained, so maxNeeded dropped: see dynamic-allocation.ts).
 * Follows ExecutorPool's bookkeeping: arrivals take the oldest pending request, a cancel drops
 * the newest.
 */
import type { PoolEvent } from './executors';

export interface RequestOutcome {
	readonly requestedAtMs: number;
	/** When it would have registered (request + start-up). */
	readonly dueMs: number;
	readonly outcome: 'registered' | 'cancelled' | 'pending';
	/** Registration or cancellation time; null while pending. */
	readonly atMs: number | null;
}

export function requestOutcomes(events: readonly PoolEvent[], startupMs: number): RequestOutcome[] {
	const out: {
		requestedAtMs: number;
		dueMs: number;
		outcome: RequestOutcome['outcome'];
		atMs: number | null;
	}[] = [];
	const pending: number[] = [];
	for (const e of events) {
		if (e.kind === 'request') {
			pending.push(out.length);
			out.push({
				requestedAtMs: e.atMs,
				dueMs: e.atMs + startupMs,
				outcome: 'pending',
				atMs: null
			});
		} else if (e.kind === 'cancel') {
			const i = pending.pop();
			const r = i === undefined ? undefined : out[i];
			if (r) {
				r.outcome = 'cancelled';
				r.atMs = e.atMs;
			}
		} else if (e.kind === 'register') {
			// Executors present at the start were never requested.
			if (pending.length === 0) continue;
			const i = pending.shift();
			const r = i === undefined ? undefined : out[i];
			if (r) {
				r.outcome = 'registered';
				r.atMs = e.atMs;
			}
		}
	}
	return out;
}
