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
	});
});
