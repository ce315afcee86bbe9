import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
	runScenario,
	stepsOf,
	withKnownDifferences,
	type KnownDifference
} from '../../simulations/conformance/run';
import type { Scenario } from '../../simulations/conformance/types';

// One test per scenario in tests/conformance/spark/; FILTER=<part of an id> runs a subset.
const dir = join(__dirname, 'spark');
const known = JSON.parse(
	readFileSync(join(__dirname, 'known-differences.json'), 'utf8')
) as KnownDifference[];
const only = process.env.FILTER;

for (const file of readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.sort()) {
	const scenario = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Scenario;
	if (only && !scenario.id.includes(only)) continue;
	it(`${scenario.id}: ${scenario.title}`, () => {
		const r = withKnownDifferences(runScenario(scenario), known, stepsOf(scenario));
		expect(r.passed, `${r.summary ?? ''}\n${r.report ?? ''}`).toBe(true);
	});
}
