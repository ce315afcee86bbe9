// Each DStream operation on small inputs, batch by batch, against what PySpark's dstream.py
// produces (outputs as JSON: tuples as arrays; null = no RDD generated at that batch time).
import { describe, expect, it } from 'vitest';
import { collectTransformOutputs } from '../../../simulations/dstream/conformance';
import type { TransformRun } from '../../../simulations/dstream/conformance';

function run(
	body: string,
	input: unknown[][],
	batches = input.length,
	extra: Partial<TransformRun> = {}
) {
	const params = extra.input2 ? 'stream, other' : 'stream';
	const code = `import operator\n\ndef transform(${params}):\n    return ${body}\n`;
	const r = collectTransformOutputs({ code, batchDuration: 1, input, ...extra }, batches);
	if (!r.ok) throw new Error(r.error);
	return r.outputs;
}

const sorted = (xs: (unknown[] | null)[]) =>
	xs.map(
		(b) =>
			b &&
			[...b]
				.map((x) => JSON.stringify(x))
				.sort()
				.map((x) => JSON.parse(x) as unknown)
	);

function failure(body: string, input: unknown[][], extra: Partial<TransformRun> = {}) {
	const code = `def transform(stream${extra.input2 ? ', other' : ''}):\n    return ${body}\n`;
	const r = collectTransformOutputs({ code, batchDuration: 1, input, ...extra }, input.length);
	if (r.ok) throw new Error('expected a failure');
	return r.error;
}

describe('element operations', () => {
	it('map, flatMap, filter', () => {
		expect(run('stream.map(lambda x: x * 10)', [[1, 2], [3]])).toEqual([[10, 20], [30]]);
		expect(run('stream.flatMap(lambda line: line.split(" "))', [['a b', 'c'], []])).toEqual([
			['a', 'b', 'c'],
			[]
		]);
		expect(run('stream.filter(lambda x: x > 1)', [[1, 2, 3]])).toEqual([[2, 3]]);
	});
	it('mapValues and flatMapValues keep the key', () => {
		expect(run('stream.mapValues(lambda v: v + 1)', [[['a', 1]]])).toEqual([[['a', 2]]]);
		expect(run('stream.flatMapValues(lambda v: range(v))', [[['a', 2]]])).toEqual([
			[
				['a', 0],
				['a', 1]
			]
		]);
	});
	it('reduce gives one element per non-empty batch', () => {
		expect(run('stream.reduce(lambda a, b: a + b)', [[1, 2, 3], [], [4]])).toEqual([[6], [], [4]]);
	});
	it('count counts per batch; an empty queued batch counts 0, the drained queue nothing', () => {
		expect(run('stream.count()', [[1, 2], []], 3)).toEqual([[2], [0], []]);
	});
	it('countByValue', () => {
		expect(sorted(run('stream.countByValue()', [['a', 'b', 'a']]))).toEqual([
			[
				['a', 2],
				['b', 1]
			]
		]);
	});
	it('mapPartitions sees each partition as an iterable', () => {
		expect(run('stream.mapPartitions(lambda it: [sum(it)])', [[1, 2, 3]])).toEqual([[6]]);
	});
});

describe('key operations', () => {
	it('reduceByKey and groupByKey', () => {
		expect(
			sorted(
				run('stream.reduceByKey(operator.add)', [
					[
						['a', 1],
						['b', 2],
						['a', 3]
					]
				])
			)
		).toEqual([
			[
				['a', 4],
				['b', 2]
			]
		]);
		expect(
			sorted(
				run('stream.groupByKey().mapValues(sorted)', [
					[
						['a', 3],
						['a', 1]
					]
				])
			)
		).toEqual([[['a', [1, 3]]]]);
	});
	it('groupByKey values are ResultIterables: len works, indexing does not', () => {
		expect(
			run('stream.groupByKey().mapValues(len)', [
				[
					['a', 3],
					['a', 1]
				]
			])
		).toEqual([[['a', 2]]]);
		expect(failure('stream.groupByKey().mapValues(lambda vs: vs[0])', [[['a', 1]]])).toContain(
			"TypeError: 'ResultIterable' object is not subscriptable"
		);
	});
	it('joins and cogroup of two streams, batch by batch', () => {
		const input = [
			[
				['a', 1],
				['b', 2]
			]
		];
		const input2 = [
			[
				['b', 3],
				['c', 4]
			]
		];
		expect(sorted(run('stream.join(other)', input, 1, { input2 }))).toEqual([[['b', [2, 3]]]]);
		expect(sorted(run('stream.leftOuterJoin(other)', input, 1, { input2 }))).toEqual([
			[
				['a', [1, null]],
				['b', [2, 3]]
			]
		]);
		expect(sorted(run('stream.rightOuterJoin(other)', input, 1, { input2 }))).toEqual([
			[
				['b', [2, 3]],
				['c', [null, 4]]
			]
		]);
		expect(sorted(run('stream.fullOuterJoin(other)', input, 1, { input2 }))).toEqual([
			[
				['a', [1, null]],
				['b', [2, 3]],
				['c', [null, 4]]
			]
		]);
		expect(
			sorted(
				run('stream.cogroup(other).mapValues(lambda vs: tuple(map(list, vs)))', input, 1, {
					input2
				})
			)
		).toEqual([
			[
				['a', [[1], []]],
				['b', [[2], [3]]],
				['c', [[], [4]]]
			]
		]);
	});
	it('union concatenates; a missing batch of the other stream is empty', () => {
		expect(run('stream.union(other)', [[1], [2]], 2, { input2: [[9]] })).toEqual([[1, 9], [2]]);
	});
	it('join pairs every value of a key', () => {
		expect(
			sorted(
				run(
					'stream.join(other)',
					[
						[
							['k', 1],
							['k', 2]
						]
					],
					1,
					{
						input2: [
							[
								['k', 'x'],
								['k', 'y']
							]
						]
					}
				)
			)
		).toEqual([
			[
				['k', [1, 'x']],
				['k', [1, 'y']],
				['k', [2, 'x']],
				['k', [2, 'y']]
			]
		]);
	});
});

describe('transform', () => {
	it('applies RDD operations, including a parallelized RDD', () => {
		const body =
			'stream.transform(lambda rdd: rdd.union(rdd.context.parallelize([0])).sortBy(lambda x: -x))';
		expect(run(body, [[1, 2]])).toEqual([[2, 1, 0]]);
		expect(run('stream.transform(lambda t, rdd: rdd.map(lambda x: x + 1))', [[1]])).toEqual([[2]]);
		expect(run('stream.transform(lambda rdd: rdd.cartesian(rdd))', [[1, 2]])).toEqual([
			[
				[1, 1],
				[1, 2],
				[2, 1],
				[2, 2]
			]
		]);
	});
	it('RDD actions inside transform', () => {
		expect(
			run(
				'stream.transform(lambda rdd: rdd.context.parallelize([rdd.count(), rdd.first(), sorted(rdd.collect())]))',
				[[3, 1]]
			)
		).toEqual([[2, 3, [1, 3]]]);
	});
});

describe('windows', () => {
	it('window(3, 1) unions the last three batches and drains', () => {
		expect(run('stream.window(3, 1)', [[1], [2], [3], [4]], 6).map((b) => b && b.sort())).toEqual([
			[1],
			[1, 2],
			[1, 2, 3],
			[2, 3, 4],
			[3, 4],
			[4]
		]);
	});
	it('window(2, 2) produces an RDD every other batch only', () => {
		expect(run('stream.window(2, 2)', [[1], [2], [3], [4]])).toEqual([null, [1, 2], null, [3, 4]]);
	});
	it('window and slide must be multiples of the batch interval (PySpark ValueError)', () => {
		expect(failure('stream.window(1.5, 1)', [[1]])).toBe(
			"line 2: ValueError: windowDuration must be multiple of the parent dstream's slide (batch) duration (1000 ms)"
		);
		expect(
			failure('stream.reduceByKeyAndWindow(lambda a, b: a + b, None, 2, 0.5)', [[1]])
		).toContain(
			"ValueError: slideDuration must be multiple of the parent dstream's slide (batch) duration (1000 ms)"
		);
	});
	it('reduceByKeyAndWindow without an inverse recomputes the window', () => {
		const out = run(
			'stream.reduceByKeyAndWindow(lambda a, b: a + b, None, 2, 1)',
			[[['a', 1]], [['a', 2]], [['b', 5]]],
			4
		);
		expect(sorted(out)).toEqual([
			[['a', 1]],
			[['a', 3]],
			[
				['a', 2],
				['b', 5]
			],
			[['b', 5]]
		]);
	});
	it('with an inverse over >= 5 slides it is incremental and keeps keys at zero', () => {
		const body = 'stream.reduceByKeyAndWindow(operator.add, operator.sub, 5, 1)';
		const out = run(body, [[['a', 1]], [['b', 1]]], 7);
		// Batch 6: 'a' left the window (1 - 1 = 0) but stays, as ReducedWindowedDStream keeps it.
		expect(sorted(out)[5]).toEqual([
			['a', 0],
			['b', 1]
		]);
		expect(sorted(out)[6]).toEqual([
			['a', 0],
			['b', 0]
		]);
	});
	it('filterFunc removes keys from the incremental window', () => {
		const body =
			'stream.reduceByKeyAndWindow(operator.add, operator.sub, 5, 1, None, lambda kv: kv[1] > 0)';
		const out = run(body, [[['a', 1]], [['b', 1]], [['b', 1]], [], [], [], []], 7);
		expect(sorted(out)[5]).toEqual([['b', 2]]);
	});
	it('countByWindow, reduceByWindow, countByValueAndWindow, groupByKeyAndWindow', () => {
		expect(run('stream.countByWindow(2, 1)', [[1, 2], [3], []], 3)).toEqual([[2], [3], [1]]);
		expect(run('stream.reduceByWindow(operator.add, None, 2, 1)', [[1, 2], [3]], 3)).toEqual([
			[3],
			[6],
			[3]
		]);
		expect(sorted(run('stream.countByValueAndWindow(2, 1)', [['x'], ['x', 'y']], 3))).toEqual([
			[['x', 1]],
			[
				['x', 2],
				['y', 1]
			],
			[
				['x', 1],
				['y', 1]
			]
		]);
		expect(
			run('stream.groupByKeyAndWindow(2, 1).mapValues(list)', [[['k', 1]], [['k', 2]]], 3)
		).toEqual([[['k', [1]]], [['k', [1, 2]]], [['k', [2]]]]);
	});
	it('groupByKeyAndWindow over >= 5 slides extends and trims lists without corrupting old windows', () => {
		const input = [
			[['k', 1]],
			[['k', 2]],
			[['k', 3]],
			[['k', 4]],
			[['k', 5]],
			[['k', 6]],
			[['k', 7]]
		];
		const out = run('stream.groupByKeyAndWindow(5, 1).mapValues(list)', input, 8);
		expect(out.map((b) => b && b[0])).toEqual([
			['k', [1]],
			['k', [1, 2]],
			['k', [1, 2, 3]],
			['k', [1, 2, 3, 4]],
			['k', [1, 2, 3, 4, 5]],
			['k', [2, 3, 4, 5, 6]],
			['k', [3, 4, 5, 6, 7]],
			['k', [4, 5, 6, 7]]
		]);
	});

	it('inverse windows and state need a checkpoint directory', () => {
		const msg =
			'IllegalArgumentException: requirement failed: The checkpoint directory has not been set. Please set it by StreamingContext.checkpoint().';
		expect(failure('stream.countByWindow(2, 1)', [[1]], { checkpointDir: false })).toContain(msg);
		expect(
			failure('stream.updateStateByKey(lambda vs, s: s)', [[1]], { checkpointDir: false })
		).toContain(msg);
		// Without an inverse function no checkpoint is needed.
		const ok = collectTransformOutputs(
			{
				code: 'def transform(s):\n    return s.reduceByKeyAndWindow(lambda a, b: a + b, None, 2, 1)\n',
				batchDuration: 1,
				input: [[['a', 1]]],
				checkpointDir: false
			},
			1
		);
		expect(ok.ok).toBe(true);
	});
});

describe('updateStateByKey', () => {
	const update =
		'stream.updateStateByKey(lambda vs, s: (s or 0) + sum(vs) if (s or 0) + sum(vs) < 5 else None)';
	it('calls the function for every key in state, with [] for idle keys, and None removes a key', () => {
		const out = sorted(
			run(
				update,
				[
					[
						['a', 1],
						['b', 4]
					],
					[['a', 2]],
					[],
					[['b', 1]]
				],
				4
			)
		);
		// b reaches 5 in batch 4 and is removed; a stays at 3 while idle.
		expect(out).toEqual([
			[
				['a', 1],
				['b', 4]
			],
			[
				['a', 3],
				['b', 4]
			],
			[
				['a', 3],
				['b', 4]
			],
			[['a', 3]]
		]);
	});
	it('a checkpoint interval that is not a multiple of the slide is rejected', () => {
		const code = 'stream.updateStateByKey(lambda vs, s: 1).checkpoint(1.5)';
		expect(failure(code, [[['a', 1]]])).toContain(
			'requirement failed: The checkpoint interval for PythonStateDStream has been set to  1500 ms which not a multiple of its slide time (1000 ms). Please set it to a multiple of 1000 ms.'
		);
	});
});
