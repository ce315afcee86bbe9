// A page that does not load arbitrary state (python-state-support.ts) reports a program using it
// with a located message instead of carrying it in its first-load JavaScript.
import { expect, it } from 'vitest';
import { prepareQuery } from '../../../simulations/structured/index';

it('applyInPandasWithState without the registration is a located refusal, not a crash', () => {
	const r = prepareQuery(
		`from pyspark.sql.types import LongType, StructField, StructType
def f(key, pdfs, state):
    return []
t = StructType([StructField("n", LongType())])
q = events.groupBy("k").applyInPandasWithState(f, t, t, "Update", "NoTimeout").writeStream.outputMode("update").format("memory").queryName("q").start()
`,
		{ events: [{ name: 'k', type: { kind: 'string' } }] }
	);
	expect(r.ok).toBe(false);
	if (!r.ok) {
		expect(r.error.message).toContain('is not available here');
		expect(r.error.line).toBe(5);
	}
});
