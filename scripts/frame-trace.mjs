// What bench-frames and profile-frames share: the built site served (unless BENCH_URL names a
// running one) and a performance trace taken and read.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { settled } from '../tests/e2e/browser.mjs';

async function up(url) {
	try {
		return (await fetch(url)).ok;
	} catch {
		return false;
	}
}

/**
 * The built site's address: BENCH_URL, or a preview server started on BENCH_PORT (default 4391)
 * and stopped when the process exits. Null when there is no build to serve.
 */
export async function builtSite() {
	const port = Number(process.env.BENCH_PORT ?? 4391);
	const base = process.env.BENCH_URL ?? `http://127.0.0.1:${port}`;
	if (process.env.BENCH_URL || (await up(base))) return base;
	if (!existsSync('build/index.html')) return null;
	const server = spawn(
		'npx',
		['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
		{ stdio: 'ignore', detached: true }
	);
	process.on('exit', () => {
		try {
			process.kill(-server.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
	});
	for (let i = 0; i < 100 && !(await up(base)); i++) await sleep(200);
	if (!(await up(base))) throw new Error(`preview server did not start on ${base}`);
	return base;
}

/** Starts a timeline trace of the page (over CDP); the returned function ends it and gives the
 *  trace's events. */
export async function startTrace(cdp) {
	const events = [];
	cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
	const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
	await cdp.send('Tracing.start', {
		categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
		transferMode: 'ReportEvents'
	});
	return async () => {
		await cdp.send('Tracing.end');
		await done;
		return events;
	};
}

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

/**
 * Runs in the page (pass it to page.evaluate): watches for DOM mutations every named part
 * holding a drawing's worth of nodes (nested parts too) and the page as a whole, by target
 * (tag.class) and kind. `window.__parts.close()` ends a frame (counts the parts it changed);
 * `window.__parts.read(n)` gives the counts and the n most frequent mutations.
 */
export function watchParts() {
	const w = /** @type {any} */ (window);
	const views = [...document.querySelectorAll('[data-testid]')]
		.filter((v) => v.querySelectorAll('*').length >= 30 || v.tagName === 'CANVAS')
		.map((el) => ({ id: el.dataset.testid, el, changed: false, frames: 0, records: 0 }));
	const what = new Map();
	const name = (n) =>
		n.nodeType === 1
			? `${n.tagName.toLowerCase()}${n.classList.length ? '.' + [...n.classList].filter((c) => !c.startsWith('svelte-')).join('.') : ''}${n.dataset?.testid ? `[${n.dataset.testid}]` : ''}`
			: `#text in ${n.parentElement ? name(n.parentElement) : '?'}`;
	const all = { subtree: true, childList: true, attributes: true, characterData: true };
	new MutationObserver((records) => {
		for (const r of records) {
			const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
			const part = el?.closest('[data-testid]')?.dataset.testid ?? '';
			const key = `${r.type}${r.attributeName ? ` ${r.attributeName}` : ''} on ${name(r.target)} in ${part}`;
			what.set(key, (what.get(key) ?? 0) + 1);
		}
	}).observe(document.body, all);
	for (const v of views)
		new MutationObserver((records) => {
			v.changed = true;
			v.records += records.length;
		}).observe(v.el, all);
	let frames = 0;
	w.__parts = {
		close() {
			frames++;
			for (const v of views) {
				if (v.changed) v.frames++;
				v.changed = false;
			}
		},
		read(n = 16) {
			return {
				frames,
				views: views.map((v) => ({
					id: v.id,
					nodes: v.el.querySelectorAll('*').length,
					changedFrames: v.frames,
					records: v.records
				})),
				what: [...what.entries()].sort((a, b) => b[1] - a[1]).slice(0, n),
				pageNodes: document.querySelectorAll('*').length
			};
		}
	};
}

/** Prints what watchParts counted, per frame. */
export function printParts({ frames, views, what }) {
	const per = (n) => (n / Math.max(1, frames)).toFixed(2);
	console.log('drawings (DOM nodes, frames whose DOM changed, DOM mutations per frame):');
	for (const v of [...views].sort((a, b) => b.nodes - a.nodes))
		console.log(
			`  ${v.id.padEnd(34)} ${String(v.nodes).padStart(6)} ${String(v.changedFrames).padStart(4)}/${frames} ${per(v.records).padStart(8)}`
		);
	console.log('most frequent DOM mutations (per frame):');
	for (const [k, n] of what) console.log(`  ${per(n).padStart(8)}  ${k}`);
}

/**
 * A page script's command line (`<slug> [query] [--name value ...]`) and the built site:
 * exits with `usage` when no slug is given or there is no build to serve.
 */
export async function pageRun(script, usage) {
	const args = process.argv.slice(2);
	const flag = (name, d) => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
	const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
	const [slug, query = 'paused'] = positional;
	if (!slug) {
		console.error(`usage: ${usage}`);
		process.exit(2);
	}
	const base = await builtSite();
	if (!base) {
		console.error(`${script}: build/ is missing (npm run build first)`);
		process.exit(2);
	}
	return { slug, query, base, flag };
}

/** A question page at `width`x800, loaded and with its run landed, page errors printed: where
 *  the frame scripts start measuring. */
export async function openQuestion(browser, url, width) {
	const context = await browser.newContext({ viewport: { width, height: 800 } });
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error('page error:', e.message));
	await page.goto(url, { waitUntil: 'load' });
	await settled(page);
	return { context, page };
}
