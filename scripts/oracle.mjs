// npm run oracle [-- DIR ... | --programs DIR | --diff N] : runs conformance scenarios (default
// tests/conformance/spark), page programs or random programs on real Spark (oracle/README.md).
// Installs the pinned PySpark into .oracle/venv first (a no-op when already installed).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const install = spawnSync('bash', ['oracle/install.sh'], { stdio: 'inherit' });
if (install.status !== 0) process.exit(install.status ?? 1);
const python = '.oracle/venv/bin/python';
if (!existsSync(python)) {
	console.error('oracle: .oracle/venv/bin/python is missing after install');
	process.exit(1);
}
const r = spawnSync(python, ['oracle/run_scenarios.py', ...process.argv.slice(2)], {
	stdio: 'inherit'
});
process.exit(r.status ?? 1);
