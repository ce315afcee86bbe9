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

	it('every FORMAT-ADDITIONS step is one the runner knows (none is reported as not run yet)', () => {
		const steps = [
			{ startStream: {} },
			{ stopStream: true },
			{ advanceClock: 1 },
			{ addPartitions: { events: { topic: 't', partitions: 2 } } },
			{ expectFailure: true },
			{ setGlobal: { x: 1 } },
			{ dropLastCommit: true },
			{ clearSink: true },
			{ checkRecorded: { batchId: 0, rows: [] } },
			{ assertBatchIds: [0] }
		];
		for (const step of steps) {
			const r = runScenario(withSteps([step, ...base.steps]));
			expect(r.summary ?? '').not.toContain('unknown step');
			expect(r.summary ?? '').not.toContain('does not run it yet');
		}
	});

	it('an unknown top-level field, an unknown field on a step and an unreadable value fail', () => {
		expect(runScenario(withSteps(base.steps, { clock: 'wall' })).summary).toContain(
			'field "clock" must be "manual"'
		);
		expect(runScenario(withSteps([{ checkRecorded: { rows: [] } }])).summary).toContain(
			'"checkRecorded" has a value'
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
