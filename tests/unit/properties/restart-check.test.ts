// Which program changes a restart refuses, with Spark's errors (R6.5), and which it accepts.
import { describe, expect, it } from 'vitest';
import '../../../simulations/structured/stateful-python/register';
import { prepareQuery } from '../../../simulations/structured/index';
import type { AnalyzedQuery } from '../../../simulations/structured/analyzer/types';
import { checkRestart } from '../../../simulations/structured/failures/restart-check';

const cols = [
	{ name: 'key', type: { kind: 'string' as const } },
	{ name: 'v', type: { kind: 'long' as const } }
];
const q = (body: string, conf: Record<string, string> = {}, two = false): AnalyzedQuery => {
	const p = prepareQuery(
		`from pyspark.sql import functions as F\n${body}`,
		two ? { events: cols, more: cols } : { events: cols },
		conf
	);
	if (!p.ok) throw new Error(p.error.message);
	return p.value;
};
const COUNT = `q = events.groupBy("key").count().writeStream.outputMode("update").format("memory").queryName("c").start()`;

describe('restart after a program change', () => {
	it('accepts a new filter and a changed shuffle.partitions (the checkpoint value wins)', () => {
		const v = checkRestart(
			q(COUNT, { 'spark.sql.shuffle.partitions': '200' }),
			q(COUNT.replace('events.groupBy', 'events.filter("v > 0").groupBy'), {
				'spark.sql.shuffle.partitions': '10'
			})
		);
		expect(v.error).toBeNull();
		expect(v.warnings).toEqual([
			"Updating the value of conf 'spark.sql.shuffle.partitions' in current session from '10' to '200'."
		]);
	});

	it('refuses a changed grouping key, an added stateful operator and another source', () => {
		expect(
			checkRestart(q(COUNT), q(COUNT.replace('groupBy("key")', 'groupBy("v")'))).error
		).toContain('[STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE]');
		expect(
			checkRestart(
				q(COUNT),
				q(COUNT.replace('events.groupBy', 'events.dropDuplicates(["key"]).groupBy'))
			).error
		).toContain('[STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA]');
		expect(
			checkRestart(
				q(COUNT),
				q(COUNT.replace('events.groupBy', 'events.union(more).groupBy'), {}, true)
			).error
		).toBe(
			'There are [1] sources in the checkpoint offsets and now there are [2] sources requested by the query. Cannot continue.'
		);
	});

	it('refuses a changed applyInPandasWithState state schema, accepts a changed function body', () => {
		const prog = (stateType: string, body: string) => `import pandas as pd
from pyspark.sql.types import LongType, StringType, StructField, StructType
def f(key, pdfs, state):
    ${body}
    yield pd.DataFrame({"key": [key[0]]})
out = StructType([StructField("key", StringType())])
q = events.groupBy("key").applyInPandasWithState(f, out, StructType([StructField("n", ${stateType}())]), "Update", "NoTimeout").writeStream.outputMode("update").format("memory").queryName("s").start()`;
		const before = q(prog('LongType', 'state.update((1,))'));
		expect(checkRestart(before, q(prog('LongType', 'state.update((2,))'))).error).toBeNull();
		expect(checkRestart(before, q(prog('StringType', 'state.update(("x",))'))).error).toContain(
			'[STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE]'
		);
	});
});
