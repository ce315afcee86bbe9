/**
 * `npm run conformance -- DIR`: runs every scenario JSON in DIR, prints one line per failing
 * scenario with its first differing step, then `N passed, M failed`; exit code 1 on failure.
 * `--verbose` also prints each failing scenario's StreamTest-style report.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
	runScenario,
	stepsOf,
	withKnownDifferences,
	type KnownDifference
} from '../simulations/conformance/run';
import type { Scenario } from '../simulations/conformance/types';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dir = args.find((a) => !a.startsWith('--')) ?? 'tests/conformance/spark';
const knownPath = 'tests/conformance/known-differences.json';
const known: KnownDifference[] = existsSync(knownPath)
	? JSON.parse(readFileSync(knownPath, 'utf8'))
	: [];

let passed = 0;
let failed = 0;
for (const file of readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.sort()) {
	const scenario = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Scenario;
	const r = withKnownDifferences(runScenario(scenario), known, stepsOf(scenario));
	if (r.passed) {
		passed++;
		continue;
	}
	failed++;
	console.log(`FAIL ${r.id}: ${r.summary ?? ''}`);
	if (verbose && r.report) console.log(r.report.replace(/^/gm, '    '));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
