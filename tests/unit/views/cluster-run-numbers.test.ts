// The run's numbers at the cursor (run-numbers.ts) on basic-15's runs at seed 1: nothing before
// the first batch ends, read off the batches completed by the cursor only, and each practice's
// "before" moving its own number (state rows, tasks, largest batch).
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../simulations/core/params';
import { clusterEngine } from '../../../simulations/kinds/cluster/engine';
import type { ClusterSimRun } from '../../../simulations/kinds/cluster/frames';
import { basic15Practices as q } from '../../../simulations/questions/basic-15-best-practices/question';
import { runNumbers } from '../../../src/lib/views/cluster/run-numbers';
import { runProgram } from '../fixtures/run-program';

function runOf(over: Params = {}): ClusterSimRun {
	const params = q.constrain({ ...defaultParams(q.schema), ...over }).params;
	return runProgram(clusterEngine, q, params);
}
const value = (run: ClusterSimRun, t: number, id: string) =>
	runNumbers(run, t).find((x) => x.id === id)?.value;

describe('run numbers', () => {
	const after = runOf();
	it('are empty before the first batch ends, and count only batches completed by the cursor', () => {
		expect(runNumbers(after, 0)).toEqual([]);
		const b3 = after.batches[3];
		expect(b3).toBeDefined();
		if (!b3) return;
		expect(value(after, b3.endMs, 'late')).toBe('0 of 4');
		expect(value(after, b3.endMs - 1, 'late')).toBe('0 of 3');
	});
	it('say what each practice’s "before" changes', () => {
		const end = after.runMs;
		expect(value(after, end, 'tasks')).toBe('4 + 8');
		expect(value(runOf({ shufflePartitions: 200 }), end, 'tasks')).toBe('4 + 200');
		expect(value(after, end, 'state')).toBe('10,000');
		expect(value(runOf({ watermark: 'off' }), end, 'state')).toBe('50,000');
		const largest = (r: ClusterSimRun) =>
			Number((value(r, end, 'largest') ?? '').replace(/\D/g, ''));
		expect(largest(after)).toBeLessThanOrEqual(50_000);
		expect(largest(runOf({ rateLimit: 'off' }))).toBeGreaterThan(80_000);
	});
});
