// advanced-06 on the cluster kind: core dynamic allocation lags a spike (backlog timeout, then
// the executor's start-up time), never asks for more executors than the tasks need, and never
// releases one while a batch every 10 s keeps it busy; DStreams' ratio rule adds executors one
// scalingInterval at a time. Times follow from the page's settings (question.ts).
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../../simulations/core/params';
import { clusterEngine } from '../../../../simulations/kinds/cluster/engine';
import type { ClusterSimRun } from '../../../../simulations/kinds/cluster/frames';
import type { ClusterScenario } from '../../../../simulations/kinds/cluster/question';
import {
	advanced06DStream,
	advanced06Structured
} from '../../../../simulations/questions/advanced-06-dynamic-scaling/question';
import { runResult, unwrap } from '../../fixtures/run-program';

function run(q: ClusterScenario, over: Params = {}, edit?: (code: string) => string) {
	const params = q.constrain({ ...defaultParams(q.schema), ...over }).params;
	const code = q.program(params);
	return runResult(clusterEngine, q, params, edit ? edit(code) : code);
}
const ok = (r: ReturnType<typeof run>): ClusterSimRun => unwrap(r);
const kinds = (r: ClusterSimRun, kind: string) => r.executors.filter((e) => e.kind === kind);

describe('core dynamic allocation on a spike', () => {
	const spike = ok(run(advanced06Structured));

	it('asks only once tasks of the first spike batch have waited the backlog timeout', () => {
		const first = kinds(spike, 'request')[0];
		// The spike starts at 30 s; the 40 s trigger reads it; its tasks start after 100 ms of
		// driver work and the ones that do not fit the 2 cores wait 1 s.
		expect(first?.atMs).toBeGreaterThanOrEqual(41_000);
		expect(first?.atMs).toBeLessThan(42_000);
	});

	it('an executor arrives its start-up time after the request that brought it', () => {
		const arrived = kinds(spike, 'register').filter((e) => e.atMs > 0);
		expect(arrived.length).toBeGreaterThan(0);
		const requests = kinds(spike, 'request').map((e) => e.atMs);
		for (const a of arrived) expect(requests).toContain(a.atMs - 20_000);
	});

	it('never releases an executor: a batch every 10 s keeps it from 60 s of idleness', () => {
		expect(kinds(spike, 'remove')).toEqual([]);
	});

	it('never asks for more executors than 16 tasks per stage need, even with maxExecutors 16', () => {
		const capped = ok(run(advanced06Structured, { maxExecutors: 16, spikeFactor: 8 }));
		expect(Math.max(...capped.executors.map((e) => e.requested))).toBeLessThanOrEqual(8);
	});

	it('a slower start-up leaves the spike without help for longer', () => {
		const slow = ok(run(advanced06Structured, { executorStartupDelay: 90 }));
		const arrived = kinds(slow, 'register').find((e) => e.atMs > 0);
		expect(arrived?.atMs).toBeGreaterThanOrEqual(41_000 + 90_000);
	});

	it('conserves every record in every preset', () => {
		for (const p of advanced06Structured.presets) {
			const t = ok(run(advanced06Structured, p.params)).totals;
			expect(t.processed + t.backlog + t.dropped).toBe(t.produced);
		}
	});

	it('refuses allocation settings Spark refuses, at the session builder', () => {
		const r = run(advanced06Structured, {}, (c) =>
			c.replace('maxExecutors", "8"', 'maxExecutors", "0"')
		);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.error.message).toBe('spark.dynamicAllocation.maxExecutors cannot be 0!');
			expect(r.error.line).toBeGreaterThan(10);
		}
	});
});

describe('streaming dynamic allocation (DStreams)', () => {
	it('adds round(ratio) executors when processing time / interval ≥ 0.9, one interval at a time', () => {
		const r = ok(run(advanced06DStream));
		const decisions = r.streamingAllocation?.decisions ?? [];
		expect(decisions.map((d) => d.atMs).slice(0, 4)).toEqual([60_000, 120_000, 180_000, 240_000]);
		const add = decisions.find((d) => d.action === 'add');
		expect(add?.ratio).toBeGreaterThanOrEqual(0.9);
		// Asked for at the decision, running 20 s later.
		const arrived = kinds(r, 'register').find((e) => e.atMs > 0);
		expect(arrived?.atMs).toBe((add?.atMs ?? 0) + 20_000);
	});

	it('refuses core and streaming allocation together with Spark’s message', () => {
		const r = run(advanced06DStream, {}, (c) =>
			c.replace(
				'"spark.dynamicAllocation.enabled", "false"',
				'"spark.dynamicAllocation.enabled", "true"'
			)
		);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error.message).toMatch(/cannot be enabled for both streaming and core/);
	});
});
