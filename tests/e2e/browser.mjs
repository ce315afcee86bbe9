// Shared browser set-up for the e2e tests: Debian's Chromium through playwright-core, with the
// flags this machine needs (no sandbox as root, no background networking: the network is closed).
import { chromium } from 'playwright-core';
import { readdirSync } from 'node:fs';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:4317';

export const VIEWPORTS = {
	laptop: { width: 1280, height: 800 },
	projector: { width: 1920, height: 1080 },
	phone: { width: 390, height: 844 }
};

export async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

/** The 30 question slugs, from the question folders (one per question). */
export const SLUGS = readdirSync('simulations/questions')
	.filter((f) => /^(basic|advanced)-\d\d-/.test(f))
	.sort((a, b) => order(a) - order(b));

function order(slug) {
	const [level, nn] = slug.split('-');
	return (level === 'basic' ? 0 : 100) + Number(nn);
}

/** Opens a page and records console errors and uncaught exceptions into `errors`. */
export async function openPage(context, path, errors) {
	const page = await context.newPage();
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(`${path}: console: ${msg.text()}`);
	});
	page.on('pageerror', (err) => errors.push(`${path}: uncaught: ${err.message}`));
	await page.goto(BASE + path, { waitUntil: 'load' });
	await settled(page);
	return page;
}

/** A page with a simulation runs its program in the engine worker (after hydrating, after a
 *  preset or a control): wait until the latest run has landed, so a test sees that run. */
export async function settled(page) {
	await page.waitForFunction(
		() =>
			[...document.querySelectorAll('section.sim-panel')].every(
				(p) => p.getAttribute('data-settled') === 'true'
			),
		null,
		{ timeout: 30000 }
	);
}
