// The programs a page showed, checked against the real PySpark API (tools/pyspark-stubs): every
// one must pass, and the checker must have seen them all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @param {{ name: string, code: string }[]} programs */
export function assertStubCheck(programs, expected) {
	assert.equal(programs.length, expected);
	const dir = mkdtempSync(join(tmpdir(), 'stub-check-'));
	try {
		for (const p of programs) writeFileSync(join(dir, `${p.name}.py`), p.code);
		const r = spawnSync('bash', ['tools/pyspark-stubs/check.sh', dir], { encoding: 'utf8' });
		assert.equal(
			r.stdout.trim().split('\n').at(-1),
			`${expected} passed, 0 failed`,
			r.stdout + r.stderr
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
