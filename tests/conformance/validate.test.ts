import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../simulations/conformance/run';
import type { Scenario } from '../../simulations/conformance/types';
import { scenarioProblems } from '../../simulations/conformance/validate';

// The runner must fail, by name, any field or step it does not know: a scenario of a new kind
// can never pass without being checked.
const base = JSON.parse(
	readFileSync(join(__dirname, 'spark', 'session-window-append.json'), 'utf8')
) as Scenario & { steps: unknown[] };

const withSteps = (steps: unknown[], extra: Record<string, unknown> = {}) =>
	({ ...base, ...extra, steps }) as unknown as Scenario;

describe('conformance runner strictness', () => {
	it('every scenario in the project corpus is fully understood', () => {
		const dir = join(__dirname, 'spark');
		for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
			const s = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Scenario;
			expect(scenarioProblems(s), f).toEqual([]);
		}
	});

	it('an unknown step fails the scenario and is named', () => {
		const r = runScenario(withSteps([...base.steps, { checkSomethingNew: [[1]] }]));
		expect(r.passed).toBe(false);
		expect(r.summary).toContain('unknown step "checkSomethingNew"');
	});

	it('a step from FORMAT-ADDITIONS that the engine does not run yet fails, named as such', () => {
		for (const step of [{ checkRecorded: { batchId: 0, rows: [] } }]) {
			const r = runScenario(withSteps([step, ...base.steps]));
			expect(r.passed).toBe(false);
			expect(r.summary).toContain(`step "${Object.keys(step)[0]}"`);
			expect(r.summary).toContain('does not run it yet');
		}
	});

	it('an unknown top-level field, an unknown field on a step and an unreadable value fail', () => {
		expect(runScenario(withSteps(base.steps, { clock: 'wall' })).summary).toContain(
			'field "clock" must be "manual"'
		);
		expect(runScenario(withSteps([{ advanceClock: -1 }])).summary).toContain(
			'"advanceClock" has a value'
		);
		expect(
			runScenario(withSteps([{ startStream: { trigger: { continuous: '1 second' } } }])).summary
		).toContain('"startStream" has a value');
		expect(runScenario(withSteps(base.steps, { expectedOutput: [] })).summary).toContain(
			'unknown field "expectedOutput"'
		);
		expect(runScenario(withSteps([{ checkNewAnswer: [], unordered: true }])).summary).toContain(
			'unknown field "unordered" on "checkNewAnswer"'
		);
		expect(runScenario(withSteps([{ restart: false }])).summary).toContain('"restart" has a value');
		expect(runScenario(withSteps([{ assertNumStateRows: -1 }])).passed).toBe(false);
	});

	it('an input kind the engine does not have, or a field it does not know, is named', () => {
		const r = runScenario(withSteps(base.steps, { inputs: { k: { kind: 'socket' } } }));
		expect(r.summary).toContain('kind "socket"');
		const f = runScenario(
			withSteps(base.steps, { inputs: { k: { kind: 'kafka', topic: { t: 1 } } } })
		);
		expect(f.summary).toContain('unknown field "topic" for kind kafka');
	});
});
