// The cluster pages' e2e helper: restart and play at 20x until the cursor reads the run's end.
import { readFileSync } from 'node:fs';
import { settled } from './browser.mjs';

/** Largest wall-clock step a frame moves the cursor by (MAX_FRAME_GAP_MS in src/lib/sim/frames.ts). */
const FRAME_GAP_MS = 250;
/** Contexts whose pages already run on Playwright's clock (it is installed once a context). */
const clocked = new WeakSet();

/**
 * Plays the run from the start at 20x through the page's own Play button and animation loop, to
 * where playback stops by itself at the end. A cluster run is minutes of virtual time (basic-15:
 * 600 s, 30 s of wall time at 20x), so the page runs on Playwright's clock, which still flows at
 * the real rate, and the test moves it on by one frame gap at a time: every frame is drawn, each
 * one as far along as a slow machine's frame would be, without waiting through the wall time.
 */
export async function playToEnd(page, seconds, timeout = 30000) {
	await settled(page);
	if (!clocked.has(page.context())) {
		await page.clock.install();
		clocked.add(page.context());
	}
	await page.getByTestId('sim-restart').click();
	await page.getByTestId('sim-speed').selectOption('20');
	await page.getByTestId('sim-play').click();
	const end = `${seconds.toFixed(1)} s`;
	const deadline = Date.now() + timeout;
	const playing = () =>
		page.evaluate(
			() =>
				document.querySelector('[data-testid="sim-play"]')?.getAttribute('aria-pressed') === 'true'
		);
	while ((await playing()) && Date.now() < deadline) await page.clock.fastForward(FRAME_GAP_MS);
	await page.waitForFunction(
		(end) => document.querySelector('[data-testid="sim-cursor"]')?.textContent?.trim() === end,
		end,
		{ timeout: 10000 }
	);
	// The label rounds (239.97 s reads "240.0 s"): the end is where playback stops by itself.
	await page.waitForFunction(
		() =>
			document.querySelector('[data-testid="sim-play"]')?.getAttribute('aria-pressed') === 'false',
		null,
		{ timeout: 10000 }
	);
}

/** The whole program as the page would save it (Monaco renders only the lines in view). */
export async function programText(page) {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('code-download').click()
	]);
	return readFileSync(await download.path(), 'utf8');
}
