/**
 * The engine's event stream as an RxJS Observable on an injected scheduler (virtual time in tests
 * and in the page's player). The trace is computed deterministically first; each event is then
 * delivered at its virtual time, so a VirtualTimeScheduler replays it event for event.
 */
import { Observable, Subscription } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { DStreamEvent } from './events';
import type { DStreamProgram } from './reader';
import { simulateDStreams } from './simulate';
import type { SimulateOptions } from './simulate';

export function traceObservable(
	trace: readonly DStreamEvent[],
	scheduler: SchedulerLike
): Observable<DStreamEvent> {
	// One pending action per instant, not one per event: each scheduled action is a sorted
	// insert into a virtual scheduler's queue, so a timer per event is quadratic.
	const sorted = trace.map((ev, i) => ({ ev, i, at: Math.max(0, ev.time) }));
	sorted.sort((a, b) => a.at - b.at || a.i - b.i);
	let last = 0;
	for (const e of trace) if (e.time > last) last = e.time;
	return new Observable<DStreamEvent>((subscriber) => {
		const origin = scheduler.now();
		let k = 0;
		let pending = new Subscription();
		const fire = () => {
			const now = scheduler.now() - origin;
			while (k < sorted.length && sorted[k]!.at <= now) subscriber.next(sorted[k++]!.ev);
			const at = k < sorted.length ? sorted[k]!.at : last;
			if (k >= sorted.length && now >= last) subscriber.complete();
			else if (!subscriber.closed) pending = scheduler.schedule(fire, at - now);
		};
		pending = scheduler.schedule(fire, sorted.length ? sorted[0]!.at : last);
		return () => pending.unsubscribe();
	});
}

/** Runs a read program for `options.durationMs` of virtual time. */
export function runDStreams(
	program: DStreamProgram,
	options: SimulateOptions,
	scheduler: SchedulerLike
): Observable<DStreamEvent> {
	return traceObservable(simulateDStreams(program, options), scheduler);
}
