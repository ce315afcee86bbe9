// A runtime error in a batch fails the query with Spark's message at the query's start, as a
// value: never an error RxJS rethrows later from a timer, where no caller sees it (found by
// `npm run fuzz` on the micro-batch pages).
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../simulations/core/params';
import { question } from '../../../simulations/questions/basic-01-stream-processing/index';
import { withEngine } from '../../../simulations/kinds/with-engines';

describe('a query that fails in a batch', () => {
	it('basic-01 with a division by zero per row: DIVIDE_BY_ZERO, located, nothing thrown later', async () => {
		const sim = await withEngine(question.simulations[0]!);
		const q = sim.question;
		const params = q.constrain(defaultParams(q.schema)).params;
		const code = q
			.program(params)
			.replace(
				'counts = stream.groupBy((F.col("value") % NUM_KEYS)',
				'counts = stream.groupBy((F.col("value") % 0)'
			);
		expect(code).toContain('% 0)');
		const late: unknown[] = [];
		const onLate = (e: unknown) => late.push(e);
		process.on('uncaughtException', onLate);
		try {
			const r = sim.engine!.run(q, { code, params, seed: 1, script: null, edits: [] });
			await new Promise((resolve) => setTimeout(resolve, 10));
			expect(r.ok).toBe(false);
			if (r.ok) return;
			expect(r.error.message).toMatch(/^query failed: \[DIVIDE_BY_ZERO\] Division by zero/);
			expect(r.error.line).toBeGreaterThan(1);
		} finally {
			process.off('uncaughtException', onLate);
		}
		expect(late).toEqual([]);
	});
});
