import { describe, expect, it } from 'vitest';
import { withKnownDifferences, type KnownDifference } from '../../../simulations/conformance/run';

// The known-differences list holds two kinds of entry: engine differences (a listed scenario is
// expected to fail) and expectations corrected to real Spark's output by `npm run oracle`
// (documentation only: the scenario must pass like any other).
const engine: KnownDifference = { id: 'a', rule: 'r', source: 's' };
const corrected: KnownDifference = {
	id: 'b',
	rule: 'r',
	source: 's',
	kind: 'expectation',
	original: []
};

describe('withKnownDifferences', () => {
	it('turns a listed engine difference that fails into a pass, and one that passes into a failure', () => {
		expect(withKnownDifferences({ id: 'a', passed: false }, [engine]).passed).toBe(true);
		expect(withKnownDifferences({ id: 'a', passed: true }, [engine]).passed).toBe(false);
	});
	it('leaves a scenario whose expectation was corrected to Spark to pass or fail on its own', () => {
		expect(withKnownDifferences({ id: 'b', passed: true }, [corrected]).passed).toBe(true);
		expect(withKnownDifferences({ id: 'b', passed: false }, [corrected]).passed).toBe(false);
		expect(
			withKnownDifferences({ id: 'b', passed: false }, [corrected], [{ addData: {} }]).passed
		).toBe(false);
	});
	it('counts a copy that still has the original expectation as a known difference', () => {
		const original = [{ addData: { s: [[1]] } }, { checkAnswer: [[1]] }];
		const entry = { ...corrected, original };
		const r = withKnownDifferences({ id: 'b', passed: false }, [entry], original);
		expect(r.passed).toBe(true);
		expect(r.summary).toMatch(/known difference/);
		expect(withKnownDifferences({ id: 'b', passed: true }, [entry], original).passed).toBe(false);
	});
});
