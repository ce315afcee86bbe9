// npm run test:pyspark: exports every program the site shows (default parameters) and
// type-checks them against the PySpark 4.x stubs (tools/pyspark-stubs/check.sh, pyright).
// Fails when any program uses an API PySpark does not have.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'pyspark-programs-'));
try {
	execFileSync('npx', ['tsx', 'scripts/export-pyspark.ts', dir], { stdio: 'inherit' });
	const r = spawnSync('bash', ['tools/pyspark-stubs/check.sh', dir], { stdio: 'inherit' });
	process.exitCode = r.status ?? 1;
} finally {
	rmSync(dir, { recursive: true, force: true });
}
