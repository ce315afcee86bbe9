/**
 * tsx scripts/oracle-engine.ts FILE.json ...: runs each conformance scenario on the engine and
 * prints one JSON line per file, {path, id, passed, summary}, for the oracle's differential
 * tester (oracle/differential.py), which compares the engine with the Spark output a scenario
 * was completed with. No known-differences list is applied: every mismatch is reported.
 */
import { readFileSync } from 'node:fs';
import { runScenario } from '../simulations/conformance/run';
import type { Scenario } from '../simulations/conformance/types';

for (const path of process.argv.slice(2)) {
	let line: Record<string, unknown>;
	try {
		const s = JSON.parse(readFileSync(path, 'utf8')) as Scenario;
		const r = runScenario(s);
		line = { path, id: r.id, passed: r.passed, summary: r.summary ?? '' };
	} catch (e) {
		line = {
			path,
			id: null,
			passed: false,
			summary: `unreadable scenario: ${(e as Error).message}`
		};
	}
	console.log(JSON.stringify(line));
}
