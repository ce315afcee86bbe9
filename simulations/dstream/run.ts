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
	return new Observable<DStreamEvent>((subscriber) => {
		const subs = new Subscription();
		for (const ev of trace) subs.add(
			scheduler.schedule(() => subscriber.next(ev), Math.max(0, ev.time))
		);
		const last = trace.length ? Math.max(...trace.map((e) => e.time)) : 0;
		subs.add(scheduler.schedule(() => subscriber.complete(), last));
		return subs;
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
