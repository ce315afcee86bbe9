// Reading a Chromium performance trace of a playing page (bench-frames, profile-frames).

/**
 * Main-thread CPU time per frame, from Chromium's trace: the thread time (tdur, CPU, not wall)
 * of the renderer main thread's top-level tasks between one animation frame and the next. On a
 * shared machine the wall-clock frame interval mostly measures the other processes; this
 * measures the page's own work per frame.
 */
export function cpuPerFrame(events) {
	const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
	if (!main) return [];
	const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
	const tasks = mine
		.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.tdur !== undefined)
		.sort((a, b) => a.ts - b.ts);
	// Several rAF callbacks (the player's, the recorder's) fire in one frame's task: a frame is
	// the task that fires them.
	const frames = [
		...new Set(
			mine
				.filter((e) => e.name === 'FireAnimationFrame')
				.map((f) => tasks.find((t) => t.ts <= f.ts && f.ts < t.ts + t.dur)?.ts)
				.filter((ts) => ts !== undefined)
		)
	].sort((a, b) => a - b);
	const out = [];
	for (let i = 0; i + 1 < frames.length; i++) {
		const [a, b] = [frames[i], frames[i + 1]];
		let us = 0;
		for (const t of tasks) if (t.ts >= a && t.ts < b) us += t.tdur;
		out.push(us / 1000);
	}
	return out;
}
