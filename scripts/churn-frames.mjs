// What a page re-renders per frame, counted the same on any machine (issue 10's drawing target):
// opens a question page on the built site, then steps the cursor as 20x playing at 60 frames a
// second would (1/3 s of virtual time a frame) through the scrubber's range, each step one
// frame, and counts per named part the DOM mutations each frame made and in how many frames it
// changed, with the most frequent mutations page-wide. Unlike profile-frames, no timing: the
// counts depend on the page's code only, so two builds compare on a loaded machine.
// Usage: npm run build && node scripts/churn-frames.mjs <slug> [query] [--frames 90] [--speed 20]
//        e.g. node scripts/churn-frames.mjs advanced-07-event-time-and-state 'eventRate=90&seed=1&t=50&paused'
//        BENCH_PORT (default 4391) is where build/ is served; BENCH_URL uses a running server.
import { openQuestion, pageRun, printParts, watchParts } from './frame-trace.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const { slug, query, base, flag } = await pageRun(
	'churn-frames',
	'node scripts/churn-frames.mjs <slug> [query] [--frames 90] [--speed 20]'
);
const FRAMES = Number(flag('--frames', 90));
const SPEED = Number(flag('--speed', 20));
const WIDTH = Number(flag('--width', 1280));
const browser = await launch();
try {
	const { page } = await openQuestion(browser, `${base}/questions/${slug}?${query}`, WIDTH);
	const range = page.getByTestId('scrub-range').first();
	const end = Number(await range.getAttribute('max'));
	const start = Number(await range.inputValue());
	await page.evaluate(watchParts);
	const step = (SPEED * 1000) / 60;
	let frames = 0;
	for (let t = start + step; frames < FRAMES && t <= end; t += step, frames++)
		// The scrubber's own input event (as a drag would send it), then two animation frames:
		// whatever the page re-renders for the new cursor has landed in the DOM.
		await page.evaluate(
			(to) =>
				new Promise((done) => {
					const r = /** @type {HTMLInputElement} */ (
						document.querySelector('[data-testid="scrub-range"]')
					);
					r.value = String(to);
					r.dispatchEvent(new Event('input', { bubbles: true }));
					requestAnimationFrame(() =>
						requestAnimationFrame(() => {
							/** @type {any} */ (window).__parts.close();
							done();
						})
					);
				}),
			t
		);
	const parts = await page.evaluate(() => /** @type {any} */ (window).__parts.read());
	console.log(
		`${slug}?${query}: ${frames} frames of ${SPEED}x from ${(start / 1000).toFixed(1)} s (run ends at ${(end / 1000).toFixed(1)} s), ${parts.pageNodes} DOM nodes`
	);
	printParts(parts);
} finally {
	await browser.close();
}
process.exit(0);
