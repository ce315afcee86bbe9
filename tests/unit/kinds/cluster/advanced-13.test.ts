// advanced-13 at seed 1: the program's way of writing the transformation drives the cost (the
// controls follow an edit of the program), the four ceilings differ by an order of magnitude,
// an overloaded Python UDF's backlog grows, tiny Arrow batches make the pandas UDF pay a
// crossing per 100 rows, every run conserves its rows, and the page asks two predictions.
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../../simulations/core/params';
import { clusterEngine } from '../../../../simulations/kinds/cluster/engine';
import { clusterKind } from '../../../../simulations/kinds/cluster/kind';
import type { ClusterSimRun } from '../../../../simulations/kinds/cluster/frames';
import { advanced13Udfs as q } from '../../../../simulations/questions/advanced-13-libraries-custom-transformations/question';

const paramsOf = (over: Params = {}) => q.constrain({ ...defaultParams(q.schema), ...over }).params;

function run(over: Params = {}, code?: string): ClusterSimRun {
	const params = paramsOf(over);
	const r = clusterEngine.run(q, {
		code: code ?? q.program(params),
		params,
		seed: 1,
		script: null,
		edits: []
	});
	if (!r.ok) throw new Error(`${r.error.line}: ${r.error.message}`);
	return r.value;
}

const ceiling = (r: ClusterSimRun, kind: string) =>
	r.ceilings?.find((c) => c.kind === kind)?.rowsPerSecond ?? 0;

describe('advanced-13 on the cluster kind', () => {
	it('reads the rate source and the pandas UDF from the program', () => {
		const r = run();
		const s = r.settings;
		if (s.api !== 'structured') throw new Error('structured');
		expect(s.rate).toEqual({ rowsPerSecond: 5000, numPartitions: null });
		expect(s.udf?.kind).toBe('pandas');
		expect(s.arrowMaxRecordsPerBatch).toBe(10000);
		// 5,000 rows/s on a 2 s trigger: 10,000 rows a batch, one task per core (4 cores).
		const b = r.batches[2];
		expect(b?.records).toBe(10000);
		expect(b?.tasks?.length).toBe(4);
		expect(r.progress?.[2]?.sources[0]?.description).toMatch(/^RateStreamV2\[rowsPerSecond=5000/);
	});

	it('the four ways differ by an order of magnitude in ceiling', () => {
		const r = run();
		expect(ceiling(r, 'builtin')).toBe(2_000_000);
		expect(ceiling(r, 'pandas')).toBe(1_176_471);
		expect(ceiling(r, 'arrow')).toBe(178_571);
		expect(ceiling(r, 'python')).toBe(64_516);
	});

	it('each transformation control value rewrites the span and reads back the same', () => {
		for (const kind of ['builtin', 'pythonUdf', 'arrowUdf', 'pandasUdf']) {
			const r = run({ transformKind: kind });
			const params = paramsOf({ transformKind: kind });
			expect(clusterKind.paramsOf(q, q.program(params), r, params).transformKind).toBe(kind);
		}
	});

	it('an edit of the program moves the controls', () => {
		const params = paramsOf();
		const code = q
			.program(params)
			.replace('to_fahrenheit_pandas("celsius"))', 'to_fahrenheit_udf("celsius"))')
			.replace('"rowsPerSecond", 5000', '"rowsPerSecond", 12000')
			.replace('maxRecordsPerBatch", "10000"', 'maxRecordsPerBatch", "2000"');
		const r = run({}, code);
		const next = clusterKind.paramsOf(q, code, r, params);
		expect([next.transformKind, next.eventRate, next.arrowBatchSize]).toEqual([
			'pythonUdf',
			12000,
			2000
		]);
	});

	it('an overloaded Python UDF falls behind; tiny Arrow batches slow the pandas UDF', () => {
		const over = run({ transformKind: 'pythonUdf', eventRate: 40000, executors: 1 });
		const done = over.batches.filter((b) => b.endMs <= over.runMs);
		const last = done[done.length - 1];
		expect(ceiling(over, 'python')).toBe(32_258);
		expect(last?.backlogAtEnd ?? 0).toBeGreaterThan(300_000);
		expect(done.every((b, i) => i === 0 || b.processingMs > over.intervalMs)).toBe(true);
		const tiny = run({ arrowBatchSize: 100 });
		const normal = run();
		expect(tiny.batches[2]?.costParts?.transferMs).toBe(400);
		expect(normal.batches[2]?.costParts?.transferMs).toBe(16);
		expect(tiny.batches[2]?.processingMs).toBeGreaterThan(
			2 * (normal.batches[2]?.processingMs ?? 0)
		);
	});

	it('conserves rows and asks two UDF predictions in every preset', () => {
		for (const p of q.presets) {
			const r = run(p.params);
			const t = r.totals;
			expect(t.processed + t.backlog + t.dropped).toBe(t.produced);
			const ids = (clusterKind.features?.predictions?.(r) ?? []).map((x) => x.id);
			expect(ids.filter((id) => id.startsWith('udf-'))).toHaveLength(2);
		}
	});

	it('refuses a pandas UDF without type hints, and a bad rowsPerSecond, where they are written', () => {
		const code = q.program(paramsOf());
		const hintless = code.replace(
			'def to_fahrenheit_pandas(celsius: pd.Series) -> pd.Series:',
			'def to_fahrenheit_pandas(celsius):'
		);
		const a = clusterEngine.run(q, {
			code: hintless,
			params: paramsOf(),
			seed: 1,
			script: null,
			edits: []
		});
		expect(a.ok).toBe(false);
		if (!a.ok) expect(a.error.message).toMatch(/^\[TYPE_HINT_SHOULD_BE_SPECIFIED\]/);
		const zero = code.replace('"rowsPerSecond", 5000', '"rowsPerSecond", 0');
		const b = clusterEngine.run(q, {
			code: zero,
			params: paramsOf(),
			seed: 1,
			script: null,
			edits: []
		});
		expect(b.ok).toBe(false);
		if (!b.ok)
			expect(b.error.message).toBe(
				"Invalid value '0'. The option 'rowsPerSecond' must be positive"
			);
	});
});
