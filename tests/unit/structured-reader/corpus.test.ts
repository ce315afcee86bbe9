// Every structured conformance program reads and analyzes, or fails with its expectError text.
import { describe, expect, it } from 'vitest';
import { bindingsOf, readAndAnalyze, structuredScenarios } from './helpers';

const scenarios = structuredScenarios();

describe('structured conformance corpus', () => {
	it('has the structured scenarios', () => {
		expect(scenarios.length).toBeGreaterThanOrEqual(40);
	});

	for (const s of scenarios) {
		const expected = s.steps.find((st) => 'expectError' in st);
		it(`${s.id}: ${expected ? 'is rejected' : 'reads and analyzes'}`, () => {
			const r = readAndAnalyze(s.code, bindingsOf(s));
			if (expected && 'expectError' in expected) {
				expect(r.ok, `expected a failure containing "${expected.expectError}"`).toBe(false);
				if (!r.ok) {
					expect(r.error.message).toContain(expected.expectError);
					expect(r.error.line).toBeGreaterThanOrEqual(1);
					expect(r.error.column).toBeGreaterThanOrEqual(1);
				}
				return;
			}
			if (!r.ok)
				throw new Error(
					`${r.stage} failed at ${r.error.line}:${r.error.column}: ${r.error.message}`
				);
			const q = r.value;
			expect(q.schema.length).toBeGreaterThan(0);
			// Lists of state figures name one entry per stateful operator, source to sink.
			for (const st of s.steps) {
				if ('assertNumStateRows' in st && Array.isArray(st.assertNumStateRows))
					expect(q.statefulOperators.length).toBe(st.assertNumStateRows.length);
			}
			// Rows in checks have as many columns as the sink's schema.
			for (const st of s.steps) {
				const rows =
					'checkNewAnswer' in st
						? st.checkNewAnswer
						: 'checkAnswer' in st
							? st.checkAnswer
							: 'checkLastBatch' in st
								? st.checkLastBatch
								: [];
				for (const row of rows) expect(row.length).toBe(q.schema.length);
			}
		});
	}
});
