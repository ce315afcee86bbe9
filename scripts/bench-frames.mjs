// `npm run bench` (frames): how smoothly a page plays, measured in headless Chromium on the
// built site (issue 10's drawing target: p95 frame time <= 16.7 ms at 20x with 5,000 marks on
// screen). It opens advanced-07 (the densest event-time page) at a rate whose run ends with
// about 6,000 rows, seeks to where 5,000 rows are on screen, plays at 20x to the end and records
// the time between animation frames (requestAnimationFrame deltas) in the page, several rounds.
// Further lines play the other dense drawings (basic-11's timeline, advanced-05's charts).
// Also counted: how often the code editor's DOM changed while playing (its focus decorations
// must change only when the focused span does, not every frame). A second line plays the page
// at its largest rate (200 events/s, ~13,000 rows) for the record.
// Usage: npm run build && node scripts/bench-frames.mjs [--rounds 8]
//        BENCH_PORT (default 4391) is where build/ is served; BENCH_URL uses a running server.
import { loadavg } from 'node:os';
import { builtSite, cpuPerFrame, startTrace } from './frame-trace.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1] || 8) || 8;
const base = await builtSite();
if (!base) {
	// npm run bench also runs without a build (the engine benches need none): say so, skip.
	console.log('frames: skipped, build/ is missing (npm run build first)');
	process.exit(0);
}
const browser = await launch();

/** One round: open paused at `t` seconds, play at 20x to the end, return the frame deltas. */
async function round(context, { slug, query }) {
	const page = await context.newPage();
	await page.goto(`${base}/questions/${slug}?${query}`, { waitUntil: 'load' });
	await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', { timeout: 30000 });
	await page.waitForSelector('[data-main-visual]');
	const speed = page.getByTestId('sim-speed');
	if ((await speed.evaluate((el) => el.tagName)) === 'SELECT') await speed.selectOption('20');
	else await speed.fill('20');
	// The event-time plot says how many rows are on screen; other views are counted by marks.
	const rowsOnScreen = () =>
		page
			.locator('[data-testid="view-event-time"]')
			.getAttribute('aria-label', { timeout: 1000 })
			.then((l) => Number(/: (\d+) of \d+ rows arrived/.exec(l ?? '')?.[1] ?? NaN))
			.catch(() => NaN);
	const rowsBefore = await rowsOnScreen();
	await page.evaluate(() => {
		const w = /** @type {any} */ (window);
		w.__frames = [];
		w.__editorFrames = 0;
		let changed = false;
		const editor = document.querySelector('[data-testid="code-editor"] .monaco-editor');
		if (editor)
			new MutationObserver(() => (changed = true)).observe(editor, {
				subtree: true,
				childList: true,
				attributes: true,
				characterData: true
			});
		let last;
		w.__recording = true;
		const tick = (t) => {
			if (last !== undefined) {
				w.__frames.push(t - last);
				if (changed) w.__editorFrames++;
			}
			changed = false;
			last = t;
			if (w.__recording) requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
	const cdp = await context.newCDPSession(page);
	const endTrace = await startTrace(cdp);
	await page.getByTestId('sim-play').click();
	// Playing stops by itself at the run's end; a long run is measured for its first 6 s.
	await page
		.waitForFunction(
			() =>
				document.querySelector('[data-testid="sim-play"]')?.getAttribute('aria-pressed') !== 'true',
			null,
			{ timeout: 6000, polling: 100 }
		)
		.catch(() => page.getByTestId('sim-play').click());
	const result = await page.evaluate(() => {
		const w = /** @type {any} */ (window);
		w.__recording = false;
		return { frames: w.__frames, editorFrames: w.__editorFrames };
	});
	const traceEvents = await endTrace();
	const cpu = cpuPerFrame(traceEvents);
	// Marks painted on canvas layers, and the SVG/HTML nodes still on the page.
	const { marks, nodes } = await page.evaluate(() => ({
		marks: [...document.querySelectorAll('canvas[data-marks]')].reduce(
			(n, c) => n + Number(c.getAttribute('data-marks')),
			0
		),
		nodes: document.querySelectorAll('*').length
	}));
	const rowsAfter = await rowsOnScreen();
	await page.close();
	return { ...result, cpu, rowsBefore, rowsAfter, marks, nodes };
}

const pct = (xs, p) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function measure(label, spec, rounds) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const all = [];
	const cpu = [];
	let editorFrames = 0;
	let rows = [Infinity, 0];
	let marks = 0;
	let nodes = 0;
	// The first round warms the caches (code, fonts); it is not counted.
	await round(context, spec);
	for (let i = 0; i < rounds; i++) {
		const r = await round(context, spec);
		// The first delta includes the click's own work; the run's last frame pauses.
		all.push(...r.frames.slice(1, -1));
		cpu.push(...r.cpu.slice(1, -1));
		editorFrames += r.editorFrames;
		rows = [Math.min(rows[0], r.rowsBefore), Math.max(rows[1], r.rowsAfter)];
		marks = Math.max(marks, r.marks);
		nodes = Math.max(nodes, r.nodes);
	}
	const shown =
		Number.isFinite(rows[0]) && rows[1] > 0 ? `rows on screen ${rows[0]}-${rows[1]}, ` : '';
	await context.close();
	const p50 = pct(all, 50);
	const p95 = pct(all, 95);
	console.log(
		`${label}: main-thread CPU per frame (trace thread time) p50 ${pct(cpu, 50).toFixed(1)} ms, p95 ${pct(cpu, 95).toFixed(1)} ms over ${cpu.length} frames`
	);
	console.log(
		`${label} (load average ${loadavg()[0].toFixed(1)} on this machine): ${all.length} frames at 20x, ${shown}${marks} marks on canvas, ${nodes} DOM nodes: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...all).toFixed(1)} ms; frames with editor DOM changes ${editorFrames} (goal p95 <= 16.7 ms)`
	);
	return p95;
}

const A07 = 'advanced-07-event-time-and-state';
try {
	await measure(
		'frames advanced-07, ~5,000 rows',
		{ slug: A07, query: 'eventRate=90&seed=1&t=50&paused' },
		ROUNDS
	);
	const fewer = Math.max(2, ROUNDS >> 1);
	await measure(
		'frames advanced-07, max rate',
		{ slug: A07, query: 'eventRate=200&seed=1&t=50&paused' },
		fewer
	);
	// The other dense drawings: basic-11's timeline at its largest rate (row dots), advanced-05's
	// long run (a dozen charts of batch dots and the Gantt).
	await measure(
		'frames basic-11, max rate',
		{ slug: 'basic-11-micro-batches', query: 'eventRate=10000&seed=1&t=20&paused' },
		fewer
	);
	await measure(
		'frames advanced-05',
		{ slug: 'advanced-05-latency-throughput', query: 'seed=1&paused' },
		fewer
	);
} finally {
	await browser.close();
	process.exit(0);
}
