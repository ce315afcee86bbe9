/**
 * Time windows: which `window(timeCol, windowDuration, slideDuration, startTime)` rows a timestamp
 * belongs to. Start inclusive, end exclusive; all values in microseconds.
 * Rule (SPARK-SEMANTICS R3.1, Catalyst TimeWindowing): remainder = (t - startTime) % slide (Java
 * `%`, may be negative), lastStart = t - (remainder < 0 ? remainder + slide : remainder), then
 * ceil(window / slide) candidates going back one slide each; when the window is not a multiple of
 * the slide, only candidates with start <= t < end are kept. Newest start first.
 */

export interface WindowSpec {
	readonly durationUs: number;
	readonly slideUs: number;
	readonly startUs: number;
}

export interface TimeWindow {
	readonly start: number;
	readonly end: number;
}

/** The windows of timestamp `t` (µs), in Spark's output order (i = 0 is the newest start). */
export function assignWindows(t: number, spec: WindowSpec): TimeWindow[] {
	const { durationUs, slideUs, startUs } = spec;
	const remainder = (t - startUs) % slideUs;
	const lastStart = t - (remainder < 0 ? remainder + slideUs : remainder);
	if (durationUs === slideUs) return [{ start: lastStart, end: lastStart + durationUs }];
	const k = Math.ceil(durationUs / slideUs);
	const filter = durationUs % slideUs !== 0;
	const out: TimeWindow[] = [];
	for (let i = 0; i < k; i++) {
		const start = lastStart - i * slideUs;
		const end = start + durationUs;
		if (filter && !(start <= t && t < end)) continue;
		out.push({ start, end });
	}
	return out;
}

/** `window_time(w)`: the last microsecond inside the window, so re-windowing maps back into it
 *  (SPARK-SEMANTICS R3.3). */
export const windowTime = (w: TimeWindow): number => w.end - 1;
