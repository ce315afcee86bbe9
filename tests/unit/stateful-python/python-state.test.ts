// Arbitrary state running the user's Python: the pandas subset, transformWithStateInPandas with
// list and map state, TTL, and a located refusal outside the subset. Each case is a scenario
// run by the conformance runner, so the whole path (reader, engine, sink) is exercised.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../simulations/conformance/run';
import type { StructuredScenario } from '../../../simulations/conformance/types';

const scenario = (code: string, steps: unknown[], extra: object = {}): StructuredScenario =>
	({
		id: 'unit',
		api: 'structured',
		title: 'unit',
		origin: 'unit test',
		inputs: {
			events: [
				['k', 'string'],
				['v', 'int']
			]
		},
		code,
		steps,
		...extra
	}) as unknown as StructuredScenario;

const run = (code: string, steps: unknown[], extra: object = {}) => {
	const r = runScenario(scenario(code, steps, extra));
	return { passed: r.passed, why: `${r.summary ?? ''}\n${r.report ?? ''}` };
};

const HEADER = `import pandas as pd
from pyspark.sql.types import LongType, StringType, StructField, StructType
`;

describe('the pandas subset in applyInPandasWithState', () => {
	it('masks, iloc, itertuples, concat, column arithmetic and reductions', () => {
		const code = `${HEADER}
def func(key, pdf_iter, state):
    pdf = pd.concat(list(pdf_iter))
    big = pdf[pdf["v"] > 1]
    first = pdf.iloc[0]["v"]
    names = [row.k for row in pdf.itertuples()]
    doubled = (pdf.v * 2).sum()
    yield pd.DataFrame({"key": [key[0]], "n": [len(big)], "first": [first], "names": [len(names)], "sum2": [doubled], "mx": [pdf["v"].max()]})

out = StructType([StructField("key", StringType()), StructField("n", LongType()), StructField("first", LongType()), StructField("names", LongType()), StructField("sum2", LongType()), StructField("mx", LongType())])
st = StructType([StructField("c", LongType())])
q = events.groupBy("k").applyInPandasWithState(func, out, st, "Update", "NoTimeout").writeStream.outputMode("update").format("memory").queryName("o").start()
`;
		const r = run(code, [
			{
				addData: {
					events: [
						['a', 1],
						['a', 3],
						['a', 5],
						['b', 2]
					]
				}
			},
			{
				checkNewAnswer: [
					['a', 2, 1, 3, 18, 5],
					['b', 1, 2, 1, 4, 2]
				]
			}
		]);
		expect(r.passed, r.why).toBe(true);
	});

	it('sort_values (stable, descending, by a list) and math (sqrt, fabs; a domain error raises)', () => {
		const code = `import math
${HEADER}
def func(key, pdf_iter, state):
    pdf = pd.concat(list(pdf_iter))
    up = [int(v) for v in pdf.sort_values("v")["v"]]
    down = pdf.sort_values(by=["v"], ascending=False)
    first = int(down.iloc[0]["v"])
    root = math.sqrt(up[-1] * up[-1]) + math.fabs(-1.0)
    yield pd.DataFrame([(key[0], up[0], first, int(root))], columns=["key", "lo", "hi", "root"])

out = StructType([StructField("key", StringType()), StructField("lo", LongType()), StructField("hi", LongType()), StructField("root", LongType())])
st = StructType([StructField("c", LongType())])
q = events.groupBy("k").applyInPandasWithState(func, out, st, "Update", "NoTimeout").writeStream.outputMode("update").format("memory").queryName("o").start()
`;
		const r = run(code, [
			{
				addData: {
					events: [
						['a', 3],
						['a', 1],
						['a', 5]
					]
				}
			},
			{ checkNewAnswer: [['a', 1, 5, 6]] }
		]);
		expect(r.passed, r.why).toBe(true);
		const bad = run(code.replace('math.sqrt(up[-1] * up[-1])', 'math.sqrt(-1.0)'), [
			{ addData: { events: [['a', 1]] } },
			{ expectFailure: ['math domain error'] }
		]);
		expect(bad.passed, bad.why).toBe(true);
	});

	it('an attribute outside the subset fails the batch naming what is supported and the line', () => {
		const code = `${HEADER}
def func(key, pdf_iter, state):
    for pdf in pdf_iter:
        pdf.pivot_table()
    yield pd.DataFrame()

out = StructType([StructField("key", StringType())])
q = events.groupBy("k").applyInPandasWithState(func, out, out, "Update", "NoTimeout").writeStream.outputMode("update").format("memory").queryName("o").start()
`;
		const r = run(code, [
			{ addData: { events: [['a', 1]] } },
			{ expectFailure: ['pivot_table', 'pandas subset', 'line 6'] }
		]);
		expect(r.passed, r.why).toBe(true);
	});
});

const IMPORTS = `import pandas as pd
from pyspark.sql.streaming import StatefulProcessor
from pyspark.sql.types import LongType, StringType, StructField, StructType
`;
// transformWithState needs a provider with column families (Spark's own tests set it too).
const PROC = `${IMPORTS}spark.conf.set(
    "spark.sql.streaming.stateStore.providerClass",
    "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",
)
`;

describe('transformWithStateInPandas', () => {
	it('fails its first batch under the default state store provider, as Spark does', () => {
		const code = `${IMPORTS}
class P(StatefulProcessor):
    def init(self, handle):
        self.n = handle.getValueState("n", "v long")
    def handleInputRows(self, key, rows, timerValues):
        yield pd.DataFrame({"k": [key[0]]})

out = StructType([StructField("k", StringType())])
q = events.groupBy("k").transformWithStateInPandas(P(), out, "Update", "None").writeStream.outputMode("update").format("memory").queryName("o").start()
`;
		const failing = [
			{ addData: { events: [['a', 1]] } },
			{
				expectFailure: [
					'UNSUPPORTED_FEATURE.STATE_STORE_MULTIPLE_COLUMN_FAMILIES',
					'HDFSBackedStateStoreProvider'
				]
			}
		];
		expect(run(code, failing).passed).toBe(true);
		// The same program with the RocksDB provider runs its batch.
		const rocks = code.replace('\nclass P', `${PROC.slice(IMPORTS.length)}\nclass P`);
		const r = run(rocks, [{ addData: { events: [['a', 1]] } }, { checkNewAnswer: [['a']] }]);
		expect(r.passed, r.why).toBe(true);
		expect(run(rocks, failing).passed).toBe(false);
	});

	it('list and map state per key, across batches and a restart', () => {
		const code = `${PROC}
class P(StatefulProcessor):
    def init(self, handle):
        self.seen = handle.getListState("seen", "v int")
        self.by = handle.getMapState("by", "v int", "n long")
    def handleInputRows(self, key, rows, timerValues):
        for pdf in rows:
            for v in pdf["v"].tolist():
                self.seen.appendValue((v,))
                n = self.by.getValue((v,))
                self.by.updateValue((v,), ((n[0] if n is not None else 0) + 1,))
        total = len(list(self.seen.get()))
        distinct = len(list(self.by.keys()))
        yield pd.DataFrame({"k": [key[0]], "total": [total], "distinct": [distinct]})

out = StructType([StructField("k", StringType()), StructField("total", LongType()), StructField("distinct", LongType())])
q = events.groupBy("k").transformWithStateInPandas(P(), out, "Update", "None").writeStream.outputMode("update").format("memory").queryName("o").start()
`;
		const r = run(code, [
			{
				addData: {
					events: [
						['a', 1],
						['a', 1],
						['b', 2]
					]
				}
			},
			{
				checkNewAnswer: [
					['a', 2, 1],
					['b', 1, 1]
				]
			},
			{ restart: true },
			{ addData: { events: [['a', 3]] } },
			{ checkNewAnswer: [['a', 3, 2]] }
		]);
		expect(r.passed, r.why).toBe(true);
	});

	it('a value with a TTL is gone once the batch time reaches write time + TTL', () => {
		const code = `${PROC}
class P(StatefulProcessor):
    def init(self, handle):
        self.last = handle.getValueState("last", "v int", 5000)
    def handleInputRows(self, key, rows, timerValues):
        had = 1 if self.last.exists() else 0
        for pdf in rows:
            self.last.update((int(pdf["v"].max()),))
        yield pd.DataFrame({"k": [key[0]], "had": [had]})

out = StructType([StructField("k", StringType()), StructField("had", LongType())])
q = events.groupBy("k").transformWithStateInPandas(P(), out, "Update", "ProcessingTime").writeStream.outputMode("update").trigger(processingTime="1 second").format("memory").queryName("o").start()
`;
		const r = run(
			code,
			[
				{ startStream: {} },
				{ addData: { events: [['a', 1]] } },
				{ advanceClock: 1 },
				{ checkNewAnswer: [['a', 0]] },
				{ addData: { events: [['a', 2]] } },
				{ advanceClock: 1 },
				{ checkNewAnswer: [['a', 1]] },
				{ addData: { events: [['a', 3]] } },
				{ advanceClock: 6 },
				{ checkNewAnswer: [['a', 0]] }
			],
			{ clock: 'manual' }
		);
		expect(r.passed, r.why).toBe(true);
	});
});
