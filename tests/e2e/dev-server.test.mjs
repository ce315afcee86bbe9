// The README's first command is `npm start`: the dev server must render pages exactly as the built
// site does, on the first load and after reloads (issue: a service worker registered in dev served
// stale modules, and pages lost their styles). Starts `npm start` on a free port and compares
// computed styles of a few telling elements with the built site served at BASE.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { BASE, drawn, launch, settled } from './browser.mjs';

const PAGES = ['/', '/questions/basic-08-late-data', '/questions/basic-11-micro-batches'];

/** Selector → computed properties whose values show whether the page's styles applied. */
const PROBES = {
	'header.site': ['display', 'backgroundColor', 'borderBottomWidth', 'justifyContent'],
	'header.site .brand': ['display', 'textDecorationLine'],
	'.preset-bar .presets .btn': ['borderRadius', 'paddingLeft', 'display'],
	'.preset-bar .spark': ['borderRadius', 'display'],
	'[data-testid="sim-scrubber"] .lane': ['display', 'position', 'height'],
	'[data-testid="sim-scrubber"] .marker': ['position', 'borderTopWidth'],
	'main#main': ['maxWidth', 'marginLeft'],
	'footer.site': ['borderTopWidth', 'fontSize']
};

async function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

async function styles(page) {
	return page.evaluate((probes) => {
		const out = {};
		for (const [sel, props] of Object.entries(probes)) {
			const el = document.querySelector(sel);
			if (!el) continue;
			const cs = getComputedStyle(el);
			out[sel] = Object.fromEntries(props.map((p) => [p, cs[p]]));
		}
		return out;
	}, PROBES);
}

async function settle(page) {
	// Question pages draw their simulation after hydration; wait for it where there is one: its
	// run landed and drawn (a fixed half second was not always enough on a loaded machine: the
	// build's scrubber lanes were missing from what the dev page was compared with).
	await page.waitForLoadState('networkidle');
	await page.waitForFunction(() => document.querySelector('header.site') !== null);
	await settled(page);
	await drawn(page);
}

describe('npm start renders like the build', () => {
	let browser;
	let dev;
	let devBase;
	before(async () => {
		const port = await freePort();
		devBase = `http://127.0.0.1:${port}`;
		dev = spawn('npm', ['start', '--', '--host', '127.0.0.1', '--strictPort'], {
			env: { ...process.env, PORT: String(port) },
			stdio: ['ignore', 'ignore', 'inherit'],
			detached: true
		});
		let up = false;
		for (let i = 0; i < 300 && !up; i++) {
			try {
				up = (await fetch(devBase)).ok;
			} catch {
				await sleep(200);
			}
		}
		assert.ok(up, `npm start did not answer on ${devBase}`);
		browser = await launch();
	});
	after(async () => {
		await browser?.close();
		try {
			process.kill(-dev.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
	});

	it(
		'index and question pages: same computed styles as the build, first load and reloads',
		{ timeout: 300_000 },
		async () => {
			const built = await browser.newContext({
				viewport: { width: 1280, height: 800 },
				serviceWorkers: 'allow'
			});
			const live = await browser.newContext({
				viewport: { width: 1280, height: 800 },
				serviceWorkers: 'allow'
			});
			const builtPage = await built.newPage();
			const devPage = await live.newPage();
			const errors = [];
			devPage.on('pageerror', (e) => errors.push(e.message));
			for (const path of PAGES) {
				await builtPage.goto(BASE + path, { waitUntil: 'load', timeout: 60_000 });
				await settle(builtPage);
				const want = await styles(builtPage);
				assert.ok(Object.keys(want).length >= 3, `${path}: too few probes found in the build`);
				await devPage.goto(devBase + path, { waitUntil: 'load', timeout: 120_000 });
				for (const round of ['first load', 'reload', 'second reload']) {
					if (round !== 'first load') await devPage.reload({ waitUntil: 'load', timeout: 120_000 });
					await settle(devPage);
					assert.deepEqual(
						await styles(devPage),
						want,
						`${path} (${round}) differs from the build`
					);
				}
				assert.equal(
					await devPage.evaluate(() => navigator.serviceWorker.controller === null),
					true,
					`${path}: a service worker controls the dev page`
				);
			}
			assert.deepEqual(errors, []);
			await built.close();
			await live.close();
		}
	);
});
