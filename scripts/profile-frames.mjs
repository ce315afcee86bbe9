// Where a page's frame time goes while it plays (issue 10's drawing target): opens a question
// page on the built site paused at a point, plays at 20x for a while and reports, per frame,
// main-thread CPU split into the renderer's own stages (style, layout, paint, compositing
// commit) and script, the script's hottest functions (V8 sampling profiler, self time), and for
// each named part of the page holding 30 nodes or more how many DOM nodes it holds
// and in how many frames its DOM changed. Not a pass/fail bench (bench-frames is): a map of
// what to move onto a canvas.
// Usage: npm run build && node scripts/profile-frames.mjs <slug> [query] [--seconds 8]
//        e.g. node scripts/profile-frames.mjs advanced-07-event-time-and-state 'eventRate=90&t=50&paused'
//        BENCH_PORT (default 4391) is where build/ is served; BENCH_URL uses a running server.
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	openQuestion,
	pageRun,
	cpuPerFrame,
	printParts,
	startTrace,
	watchParts
} from './frame-trace.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const { slug, query, base, flag } = await pageRun(
	'profile-frames',
	'node scripts/profile-frames.mjs <slug> [query] [--seconds 8]'
);
const SECONDS = Number(flag('--seconds', 8));
const WIDTH = Number(flag('--width', 1280));
const browser = await launch();

/** The renderer stages, by trace event name (nested events are counted once, at the outermost). */
const STAGES = {
	style: ['UpdateLayoutTree', 'RecalculateStyles', 'ScheduleStyleRecalculation'],
	layout: ['Layout'],
	prePaint: ['PrePaint'],
	paint: ['Paint', 'PaintImage', 'RasterTask'],
	layerize: ['Layerize', 'UpdateLayer', 'UpdateLayerTree'],
	commit: ['Commit', 'CompositeLayers'],
	script: ['FunctionCall', 'EvaluateScript', 'FireAnimationFrame', 'TimerFire', 'EventDispatch'],
	gc: ['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'BlinkGC.AtomicPhase']
};
const stageOf = new Map(Object.entries(STAGES).flatMap(([s, names]) => names.map((n) => [n, s])));

/** Self thread time per stage on the renderer main thread: a stage nested in another (a forced
 *  layout inside a script call) is taken out of its parent. */
function stages(events) {
	const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
	if (!main) return {};
	const mine = events
		.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.tdur !== undefined)
		.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
	const out = {};
	const stack = [];
	for (const e of mine) {
		while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
		const s = stageOf.get(e.name);
		if (!s) continue;
		const parent = stack.findLast((p) => stageOf.has(p.name));
		out[s] = (out[s] ?? 0) + e.tdur;
		if (parent) out[stageOf.get(parent.name)] -= e.tdur;
		stack.push(e);
	}
	// "other" by the trace's own event names (self time), for a look at what it holds.
	const unnamed = new Map();
	const all = [];
	for (const e of mine) {
		while (all.length && all.at(-1).ts + all.at(-1).dur <= e.ts) all.pop();
		const parent = all.at(-1);
		if (!stageOf.has(e.name)) unnamed.set(e.name, (unnamed.get(e.name) ?? 0) + e.tdur);
		if (parent && !stageOf.has(parent.name))
			unnamed.set(parent.name, (unnamed.get(parent.name) ?? 0) - e.tdur);
		all.push(e);
	}
	out.otherByName = [...unnamed.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
	const frames = mine.filter((e) => e.name === 'FireAnimationFrame').length;
	// Whatever the main thread ran that is none of the stages above (message handling, tasks).
	const total = mine.filter((e) => e.name === 'RunTask').reduce((n, e) => n + e.tdur, 0);
	const { otherByName, ...timed } = out;
	timed.other = total - Object.values(timed).reduce((n, v) => n + v, 0);
	return {
		frames,
		otherByName,
		...Object.fromEntries(Object.entries(timed).map(([k, v]) => [k, v / 1000]))
	};
}

/** The minified build puts a chunk on one line: a few characters of the function's own source
 *  say which function it is. */
const sources = new Map();
function excerpt(f) {
	const path = /\/_app\/.*$/.exec(f.url)?.[0];
	if (!path || !existsSync(`build${path}`)) return '';
	if (!sources.has(path)) sources.set(path, readFileSync(`build${path}`, 'utf8').split('\n'));
	const line = sources.get(path)[f.lineNumber] ?? '';
	return `  ${line.slice(f.columnNumber, f.columnNumber + 90).replace(/\s+/g, ' ')}`;
}

/** Self time per function (ms) from a V8 CPU profile, the hottest first. */
function hottest(profile, n = 14) {
	const byId = new Map(profile.nodes.map((x) => [x.id, x]));
	const self = new Map();
	const dt = profile.timeDeltas;
	for (let i = 0; i < profile.samples.length; i++) {
		const node = byId.get(profile.samples[i]);
		const f = node.callFrame;
		const file = f.url.split('/').pop() || '(native)';
		const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}${excerpt(f)}`;
		self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
	}
	return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

const { context, page } = await openQuestion(browser, `${base}/questions/${slug}?${query}`, WIDTH);
const speed = page.getByTestId('sim-speed').first();
if ((await speed.evaluate((el) => el.tagName)) === 'SELECT') await speed.selectOption('20');
else await speed.fill('20');

await page.evaluate(watchParts);
await page.evaluate(() => {
	const w = /** @type {any} */ (window);
	w.__recording = true;
	const tick = () => {
		w.__parts.close();
		if (w.__recording) requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
});

const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
const endTrace = await startTrace(cdp);
await cdp.send('Profiler.start');
await page.getByTestId('sim-play').first().click();
const until = Date.now() + SECONDS * 1000;
while (Date.now() < until) {
	const playing = await page
		.getByTestId('sim-play')
		.first()
		.getAttribute('aria-pressed')
		.catch(() => null);
	if (playing !== 'true') break;
	await sleep(200);
}
const { profile } = await cdp.send('Profiler.stop');
const views = await page.evaluate(() => {
	const w = /** @type {any} */ (window);
	w.__recording = false;
	return w.__parts.read();
});
const traceEvents = await endTrace();
const st = stages(traceEvents);
const cpu = cpuPerFrame(traceEvents)
	.slice(1, -1)
	.sort((a, b) => a - b);
const q = (p) => (cpu[Math.min(cpu.length - 1, Math.floor(p * cpu.length))] ?? NaN).toFixed(1);
const per = (ms) => (ms / Math.max(1, st.frames)).toFixed(2);
console.log(`${slug}?${query} at 20x, ${st.frames} animation frames, ${views.pageNodes} DOM nodes`);
console.log(`main-thread CPU per frame p50 ${q(0.5)} ms, p95 ${q(0.95)} ms (${cpu.length} frames)`);
console.log(
	'main-thread CPU per frame (ms, self): ' +
		[...Object.keys(STAGES), 'other'].map((s) => `${s} ${per(st[s] ?? 0)}`).join(', ')
);
console.log(
	'main-thread self time outside the stages, by trace event (ms per frame): ' +
		st.otherByName.map(([k, v]) => `${k} ${per(v / 1000)}`).join(', ')
);
printParts(views);
console.log('hottest script (self ms per frame):');
for (const [k, ms] of hottest(profile)) console.log(`  ${per(ms).padStart(6)}  ${k}`);
await browser.close();
process.exit(0);
