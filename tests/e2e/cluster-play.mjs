// The cluster pages' e2e helper: restart and play at 20x until the cursor reads the run's end.
import { readFileSync } from 'node:fs';
import { settled } from './browser.mjs';

export async function playToEnd(page, seconds, timeout = 30000) {
	await settled(page);
	await page.getByTestId('sim-restart').click();
	await page.getByTestId('sim-speed').selectOption('20');
	await page.getByTestId('sim-play').click();
	await page.waitForFunction(
		(end) => document.querySelector('[data-testid="sim-cursor"]')?.textContent?.trim() === end,
		`${seconds.toFixed(1)} s`,
		{ timeout }
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

/**
 * The run's last frame by the presenter's End key: the frame playToEnd reaches, without playing
 * minutes of virtual time at 20x. Each page's test plays one preset through (the animation path)
 * and jumps for the others, whose checks read the end.
 */
export async function jumpToEnd(page, seconds) {
	await settled(page);
	await page.locator('body').click({ position: { x: 5, y: 5 } });
	await page.keyboard.press('End');
	await page.waitForFunction(
		(end) => document.querySelector('[data-testid="sim-cursor"]')?.textContent?.trim() === end,
		`${seconds.toFixed(1)} s`,
		{ timeout: 20000 }
	);
}
