// Shared browser set-up for the e2e tests: Debian's Chromium through playwright-core, with the
// flags this machine needs (no sandbox as root, no background networking: the network is closed).
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:4317';

export const VIEWPORTS = {
	laptop: { width: 1280, height: 800 },
	projector: { width: 1920, height: 1080 },
	phone: { width: 390, height: 844 }
};

/** How every e2e browser starts: Debian's Chromium, headless, with this machine's flags. */
export const LAUNCH_OPTIONS = {
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
};

/** A browser for one test file. Under `npm run test:e2e` the runner starts one Chromium for the
 *  whole suite and files connect to it (a launch costs seconds, a connection milliseconds);
 *  `close()` then drops this file's contexts and leaves the shared browser running. A file run
 *  on its own (`node --test tests/e2e/x.test.mjs`) launches its own.
 *  Contexts block the site's service worker unless a test asks for it (`serviceWorkers:
 *  'allow'`, as offline.test.mjs and dev-server.test.mjs do): on install it precaches the whole
 *  build (~230 files, 11 MB), which every fresh context paid for again in the background, about
 *  1 s of the browser's CPU per context (40 % of a page load) and as much of the preview server's,
 *  with nothing read from that cache by the tests that do not look at it. */
export async function launch() {
	const shared = freeBrowser();
	const browser = shared ? await chromium.connect(shared) : await chromium.launch(LAUNCH_OPTIONS);
	// Connected, a download's path() throws (the file is on the browser's side); tests read
	// downloads by path, so each page's downloads answer path() with a local copy (saveAs).
	const local = (page) =>
		page.on('download', (download) => {
			download.path = async () => {
				const file = join(
					mkdtempSync(join(tmpdir(), 'e2e-download-')),
					download.suggestedFilename()
				);
				await download.saveAs(file);
				return file;
			};
		});
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (options) => {
		const context = await newContext({ serviceWorkers: 'block', ...options });
		if (shared) context.on('page', local);
		return context;
	};
	const newPage = browser.newPage.bind(browser);
	browser.newPage = async (options) => {
		const page = await newPage({ serviceWorkers: 'block', ...options });
		if (shared) local(page);
		return page;
	};
	return browser;
}

/** The runner's browser this file uses: the first that no other running file holds (one per
 *  lane, so no two files share a clipboard). A file holds it until it exits. */
function freeBrowser() {
	const endpoints = (process.env.E2E_BROWSER_WS ?? '').split(' ').filter(Boolean);
	const locks = process.env.E2E_BROWSER_LOCKS;
	if (endpoints.length <= 1 || !locks) return endpoints[0];
	const take = (lock) => {
		try {
			writeFileSync(lock, String(process.pid), { flag: 'wx' });
		} catch {
			return false;
		}
		process.on('exit', () => rmSync(lock, { force: true }));
		return true;
	};
	const lockOf = (i) => join(locks, `${i}.pid`);
	const owner = (i) => {
		try {
			return Number(readFileSync(lockOf(i), 'utf8'));
		} catch {
			return NaN; // released meanwhile
		}
	};
	// Held already by this file (it launches again for its next describe).
	for (const i of endpoints.keys()) if (owner(i) === process.pid) return endpoints[i];
	for (const i of endpoints.keys()) if (take(lockOf(i))) return endpoints[i];
	// A file that ended without its exit handler left its lock: take that browser over.
	for (const i of endpoints.keys()) {
		if (alive(owner(i))) continue;
		rmSync(lockOf(i), { force: true });
		if (take(lockOf(i))) return endpoints[i];
	}
	return endpoints[0];
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
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

/** The code editor once Monaco has replaced the server-rendered <pre>. */
export const EDITOR_READY = '[data-testid="code-editor"][data-ready="true"]';

/** The opening most page tests share: a context at `viewport` (laptop unless said; `clipboard`
 *  grants clipboard access, other keys go to newContext), the page opened and settled, then each
 *  `ready` selector waited for. Returns the context and the page. */
export async function openIn(
	browser,
	path,
	{ errors = [], viewport = VIEWPORTS.laptop, clipboard = false, ready = [], ...options } = {}
) {
	const context = await browser.newContext({ viewport, ...options });
	if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const page = await openPage(context, path, errors);
	for (const selector of [ready].flat()) await page.waitForSelector(selector, { timeout: 20000 });
	return { context, page };
}

/** The opening of a page test's describe block: before its tests a browser is launched and
 *  `path` opened (openIn's options), then `onOpen` gets `{ browser, context, page }` (to keep
 *  them, and wait for what the file needs); after them the browser closes. Returns the array the
 *  page's console errors go to. */
export function openForSuite(path, options, onOpen) {
	const errors = options.errors ?? [];
	let browser;
	before(async () => {
		browser = await launch();
		await onOpen({ browser, ...(await openIn(browser, path, { ...options, errors })) });
	});
	after(async () => browser?.close());
	return errors;
}

/** A test id's text, trimmed (the first element when several carry the id). */
export const text = async (page, id) =>
	((await page.getByTestId(id).first().textContent()) ?? '').trim();

/** The editor's text as rendered (Monaco writes spaces as no-break spaces). */
export const editorText = async (page) =>
	((await page.getByTestId('code-editor').textContent()) ?? '').replace(/\u00a0/g, ' ');

/** Steps the cursor batch by batch until a step no longer moves it (the run's end); throws when
 *  `max` steps did not get there. With `each`, calls it at every stop on the way (one round trip
 *  a step); without, the first step is a real click and the rest run inside the page, one round
 *  trip in all (the same button, the same cursor test). `restart` first goes back to the start.
 *  Waits for the latest run to land first. */
export async function stepToEnd(page, { max = 80, each, restart = false } = {}) {
	// The latest run first: a step over a run still in the engine worker does not move, which
	// read as the end (basic-05's preset-state test saw an empty sink on a loaded machine).
	await settled(page);
	if (restart) await page.getByTestId('sim-restart').click();
	if (each) {
		for (let i = 0; i < max; i++) {
			const before = await text(page, 'sim-cursor');
			await page.getByTestId('sim-step').click();
			if ((await text(page, 'sim-cursor')) === before) return;
			await each();
		}
		throw new Error(`the cursor did not reach the end in ${max} steps`);
	}
	const before = await text(page, 'sim-cursor');
	await page.getByTestId('sim-step').click();
	if ((await text(page, 'sim-cursor')) === before) return;
	const ended = await page.evaluate(async (max) => {
		const cursor = () => document.querySelector('[data-testid="sim-cursor"]')?.textContent?.trim();
		const step = /** @type {HTMLButtonElement} */ (
			document.querySelector('[data-testid="sim-step"]')
		);
		// A macrotask lets Svelte flush the step (its updates run in microtasks).
		const flushed = () => new Promise((resolve) => setTimeout(resolve, 0));
		for (let i = 1; i < max; i++) {
			const before = cursor();
			step.click();
			await flushed();
			if (cursor() === before) return true;
		}
		return false;
	}, max);
	if (!ended) throw new Error(`the cursor did not reach the end in ${max} steps`);
	// The last frame drawn, as a click from the test would have left it.
	await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))));
}

/** The run's last frame by the presenter's End key (the frame playing through at any speed stops
 *  on), then checked as stepToEnd checks the end: a step no longer moves the cursor. */
export async function endKey(page) {
	await settled(page);
	await page.locator('body').click({ position: { x: 5, y: 5 } });
	await page.keyboard.press('End');
	const end = await text(page, 'sim-cursor');
	await page.getByTestId('sim-step').click();
	const after = await text(page, 'sim-cursor');
	if (after !== end) throw new Error(`End stopped at ${end}, a step then moved to ${after}`);
	await drawn(page);
}

/** Waits (up to `timeout`) until the editor's rendered text matches `pattern`: what a control's
 *  rewrite looks like once it reached Monaco. Returns quietly either way; the test's own
 *  assertion then says what is wrong. */
export async function editorShows(page, pattern, timeout = 10000) {
	await page
		.waitForFunction(
			([source, flags]) =>
				new RegExp(source, flags).test(
					(document.querySelector('[data-testid="code-editor"]')?.textContent ?? '').replace(
						/\u00a0/g,
						' '
					)
				),
			[pattern.source, pattern.flags],
			{ timeout }
		)
		.catch(() => {});
}

/** Two animation frames: whatever the last change scheduled for the next frame is drawn. */
export async function drawn(page) {
	await page.evaluate(
		() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
	);
}
