// Every dstream-*.json scenario from Spark's suites runs through the DStream engine and must match
// what PySpark produced; a corrupted expectation must be reported at the right output.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DStreamScenario } from '../../../simulations/conformance/types';
import { runDStreamScenario } from '../../../simulations/dstream/conformance';

const dir = join(__dirname, '../../conformance/spark');
const scenarios: DStreamScenario[] = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { api: string })
	.filter((s): s is DStreamScenario => s.api === 'dstream');

describe('DStream conformance scenarios', () => {
	it('finds the dstream scenarios', () => {
		expect(scenarios.length).toBeGreaterThanOrEqual(16);
	});
	for (const s of scenarios) {
		it(s.id, () => {
			const r = runDStreamScenario(s);
			expect(r.summary ?? '').toBe('');
			expect(r.passed).toBe(true);
		});
	}

	it('reports the first differing output when an expectation is wrong', () => {
		const s = scenarios.find((x) => x.id === 'dstream-count-by-window');
		if (!s) throw new Error('scenario missing');
		const expected = s.expected.map((b, i) => (i === 3 ? [10] : b));
		const r = runDStreamScenario({ ...s, expected });
		expect(r.passed).toBe(false);
		expect(r.summary).toBe('non-empty output 4: expected [10], actual [9]');
	});

	it('reports a Python error in the transform as a located failure', () => {
		const r = runDStreamScenario({
			id: 'x',
			api: 'dstream',
			title: '',
			origin: '',
			batchDuration: 1,
			code: 'def transform(stream):\n    return stream.map(lambda x: 1 // x)\n',
			input: [[1, 0]],
			expected: [[1, 0]]
		});
		expect(r.passed).toBe(false);
		expect(r.summary).toContain('line 2: ZeroDivisionError: integer division or modulo by zero');
	});
});
