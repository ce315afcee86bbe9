// End-to-end tests against the built static site: serves `build/` with `vite preview`, then runs
// the node:test files in this folder in Debian's Chromium (playwright-core, no browser download).
// Usage: npm run build && npm run test:e2e [-- file-filter]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const PORT = Number(process.env.E2E_PORT ?? 4317);
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

const filter = process.argv[2];
const files = readdirSync('tests/e2e')
	.filter((f) => f.endsWith('.test.mjs') && (!filter || f.includes(filter)))
	.map((f) => `tests/e2e/${f}`);

const tests = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
	stdio: 'inherit',
	env: { ...process.env, BASE_URL: BASE }
});
const code = await new Promise((resolve) => tests.on('exit', (c) => resolve(c ?? 1)));
stop();
process.exit(code);
