// End-to-end tests against the built static site: serves `build/` with `vite preview`, then runs
// the node:test files in this folder in Debian's Chromium (playwright-core, no browser download).
// Usage: npm run build && npm run test:e2e [-- file-filter...] (files whose name holds any)
// E2E_CONCURRENCY Chromiums serve the files (a file connects to a free one: see launch() in
// browser.mjs), and files run E2E_CONCURRENCY at a time (2 by default: most of a file's time is waiting on the browser),
// the slowest first so the two lanes end together.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { LAUNCH_OPTIONS } from './browser.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4317);
const CONCURRENCY = Number(process.env.E2E_CONCURRENCY ?? 2);
/** The files that took longest (slowest first, from a full run on 2 cores), started first so
 *  that neither lane is left with a long file at the end; any other file, new ones included,
 *  follows in name order. */
const SLOWEST = [
	'pages.test.mjs',
	'first-screen.test.mjs',
	'cluster-challenges.test.mjs',
	'layout.test.mjs',
	'dev-server.test.mjs',
	'applications.test.mjs',
	'cluster-practices.test.mjs',
	'kafka.test.mjs',
	'internals.test.mjs',
	'keyed-state.test.mjs',
	'preset-state.test.mjs',
	'cluster.test.mjs',
	'room.test.mjs'
];
const BASE = `http://127.0.0.1:${PORT}`;

if (!existsSync('build/index.html')) {
	console.error('e2e: build/ is missing; run `npm run build` first');
	process.exit(2);
}

const server = spawn(
	'npx',
	['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
	{
		stdio: ['ignore', 'pipe', 'inherit'],
		detached: true
	}
);
const stop = () => {
	try {
		process.kill(-server.pid, 'SIGTERM');
	} catch {
		/* already gone */
	}
};
process.on('exit', stop);

let up = false;
for (let i = 0; i < 100 && !up; i++) {
	try {
		up = (await fetch(BASE)).ok;
	} catch {
		await sleep(200);
	}
}
if (!up) {
	console.error(`e2e: preview server did not start on ${BASE}`);
	stop();
	process.exit(2);
}

const filters = process.argv.slice(2);
const rank = (f) => (SLOWEST.includes(f) ? SLOWEST.indexOf(f) : SLOWEST.length);
const files = readdirSync('tests/e2e')
	.filter(
		(f) => f.endsWith('.test.mjs') && (filters.length === 0 || filters.some((x) => f.includes(x)))
	)
	.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
	.map((f) => resolve('tests/e2e', f));

// One Chromium per lane: the system clipboard is the browser's, shared by all its contexts, and
// two files copying and pasting programs at once read each other's (fault-tolerance-basic14 once
// pasted basic-01's program copied by every-kind). A file takes a free one (see launch()).
const browsers = await Promise.all(
	Array.from({ length: CONCURRENCY }, () => chromium.launchServer(LAUNCH_OPTIONS))
);
process.env.BASE_URL = BASE;
process.env.E2E_BROWSER_WS = browsers.map((b) => b.wsEndpoint()).join(' ');
process.env.E2E_BROWSER_LOCKS = mkdtempSync(join(tmpdir(), 'e2e-browsers-'));

// node:test's run(), not `node --test`: the CLI sorts its files by name, run() keeps this order.
const stream = run({ files, concurrency: CONCURRENCY });
stream.on('test:fail', () => (process.exitCode = 1));
// Where the suite's time goes: each file's own duration (a file reports as a test named by its
// path), printed at the end.
const seconds = [];
stream.on('test:complete', (data) => {
	if (data.file && data.name === data.file)
		seconds.push([relative('tests/e2e', data.file), (data.details?.duration_ms ?? 0) / 1000]);
});
const out = stream.compose(process.stdout.isTTY ? new spec() : tap);
out.pipe(process.stdout);
await finished(out);
await Promise.all(browsers.map((b) => b.close()));
rmSync(process.env.E2E_BROWSER_LOCKS, { recursive: true, force: true });
stop();
console.error(`e2e: seconds per file, ${CONCURRENCY} file(s) at a time:`);
for (const [file, s] of seconds.sort((a, b) => b[1] - a[1]))
	console.error(`  ${s.toFixed(1).padStart(6)}  ${file}`);
process.exit(process.exitCode ?? 0);
