// basic-12 on the cluster kind: the program's own StreamingQueryListener runs (onQueryStarted
// synchronously first, one onQueryProgress per batch printing that batch's progress, then
// onQueryTerminated), a listener that raises is logged and the query goes on, the DStream
// program's StreamingListener prints py4j's Scala Options, and the signs of trouble appear in
// the spike and not when the cluster keeps up. Every produced record is processed or waiting.
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../../simulations/core/params';
import { clusterKind } from '../../../../simulations/kinds/cluster/kind';
import { clusterEngine as engine } from '../../../../simulations/kinds/cluster/engine';
import type { ClusterScenario } from '../../../../simulations/kinds/cluster/question';
import { frameAt, type ClusterSimRun } from '../../../../simulations/kinds/cluster/frames';
import {
	basic12DStream,
	basic12Structured
} from '../../../../simulations/questions/basic-12-monitoring/question';
import { runResult, unwrap } from '../../fixtures/run-program';

const paramsOf = (q: ClusterScenario, over: Params = {}) =>
	q.constrain({ ...defaultParams(q.schema), ...over }).params;

function run(q: ClusterScenario, over: Params = {}, code?: string): ClusterSimRun {
	const params = paramsOf(q, over);
	return unwrap(runResult(engine, q, params, code));
}

const troubled = (r: ClusterSimRun) =>
	r.batches.filter((b) => frameAt(r, b.endMs).trouble.some((s) => s.id === 'rates'));

describe('basic-12: the program’s StreamingQueryListener runs', () => {
	const r = run(basic12Structured);

	it('calls onQueryStarted first and synchronously, one onQueryProgress per batch, onQueryTerminated last', () => {
		const calls = r.listener;
		expect(calls[0]).toMatchObject({ callback: 'onQueryStarted', atMs: 0, synchronous: true });
		expect(calls.at(-1)?.callback).toBe('onQueryTerminated');
		const progress = calls.filter((c) => c.callback === 'onQueryProgress');
		expect(progress.map((c) => c.batchId)).toEqual(r.batches.map((b) => b.id));
		expect(progress.every((c) => !c.synchronous)).toBe(true);
		expect(progress.map((c) => c.atMs)).toEqual(r.batches.map((b) => b.endMs));
	});

	it('prints what the program’s f-strings say, from the batch’s progress record', () => {
		const started = r.listener[0]?.lines[0] ?? '';
		const p0 = r.progress?.[0];
		expect(started).toBe(`started id=${p0?.id} run=${p0?.runId} name=per_device_minute`);
		const b = r.batches[5];
		const p = r.progress?.[5];
		const line = r.listener.find((c) => c.batchId === 5 && c.callback === 'onQueryProgress');
		expect(line?.lines).toEqual([
			`batch=5 rows=${b?.records} in/s=${Math.round(p?.inputRowsPerSecond ?? -1)} ` +
				`processed/s=${Math.round(p?.processedRowsPerSecond ?? -1)} ` +
				`triggerMs=${p?.durationMs['triggerExecution']} watermark=${p?.eventTime?.['watermark']} ` +
				`state_rows=${p?.stateOperators[0]?.numRowsTotal} late_dropped=0`
		]);
		// The progress names the query as queryName(...) does.
		expect(p?.name).toBe('per_device_minute');
	});

	it('a callback that raises is logged with its line, and the next callbacks still run', () => {
		const code = basic12Structured
			.program(paramsOf(basic12Structured))
			.replace('p = event.progress', 'p = event.progres');
		const bad = run(basic12Structured, {}, code);
		const progress = bad.listener.filter((c) => c.callback === 'onQueryProgress');
		expect(progress).toHaveLength(bad.batches.length);
		const err = progress[0]?.error;
		expect(err?.message).toMatch(/^Listener ProgressPrinter threw an exception: AttributeError/);
		expect(err?.line).toBe(code.split('\n').findIndex((l) => l.includes('event.progres')) + 1);
		expect(bad.listener.at(-1)?.lines[0]).toMatch(/^terminated id=.* exception=None$/);
		expect(frameAt(bad, bad.batches[1]?.endMs ?? 0).trouble.map((s) => s.id)).toContain('listener');
	});

	it('an edit of the trigger or the watermark delay moves its control', () => {
		const params = paramsOf(basic12Structured);
		const code = basic12Structured
			.program(params)
			.replace('processingTime="5 seconds"', 'processingTime="12 seconds"')
			.replace('"event_time", "30 seconds"', '"event_time", "45 seconds"');
		const moved = clusterKind.paramsOf(
			basic12Structured,
			code,
			run(basic12Structured, {}, code),
			params
		);
		expect(moved['triggerInterval']).toBe(12);
		expect(moved['watermarkDelay']).toBe(45);
		expect(basic12Structured.program(moved)).toBe(code);
	});

	it('a program without a listener has none to run', () => {
		const code = basic12Structured
			.program(paramsOf(basic12Structured))
			.replace('spark.streams.addListener(ProgressPrinter())', '');
		expect(run(basic12Structured, {}, code).listener).toEqual([]);
	});
});

describe('basic-12: signs of trouble', () => {
	it('the default spike raises them during the spike only, and the query drains after it', () => {
		const r = run(basic12Structured);
		const t = troubled(r);
		expect(t.length).toBeGreaterThanOrEqual(3);
		for (const b of t) {
			expect(b.dueMs).toBeGreaterThanOrEqual(30_000);
			expect(b.dueMs).toBeLessThan(150_000);
		}
		const last = r.batches.at(-1);
		expect(last && frameAt(r, last.endMs).trouble).toEqual([]);
	});

	it('the narration says the signs with the batch, and two predictions are asked', () => {
		const r = run(basic12Structured);
		const b = r.batches[10];
		expect(clusterKind.describe(r, b?.endMs ?? 0)).toMatch(
			/^Batch 10 processed .* records wait at the source\. Process Rate below Input Rate for 3 batches in a row/
		);
		const asked = clusterKind.features.predictions?.(r) ?? [];
		expect(asked.length).toBeGreaterThanOrEqual(2);
		expect(asked.some((p) => p.answer === 'yes' && p.id.startsWith('wait-'))).toBe(true);
	});

	it('four executors absorb the spike: no sign at all', () => {
		const r = run(basic12Structured, { executors: 4 });
		expect(r.batches.every((b) => frameAt(r, b.endMs).trouble.length === 0)).toBe(true);
		expect(Math.max(...r.batches.map((b) => b.processingMs))).toBeLessThan(5000);
	});

	it('capacity below the base rate never recovers: more waits at the end than ever before', () => {
		const r = run(basic12Structured, { executors: 1, perRowCost: 500 });
		const last = r.batches.at(-1);
		expect(last && frameAt(r, last.endMs).trouble.map((s) => s.id)).toContain('duration');
		expect(r.totals.backlog).toBeGreaterThan(100_000);
	});

	it('conserves records in every preset', () => {
		for (const q of [basic12Structured, basic12DStream])
			for (const p of q.presets) {
				const r = run(q, p.params);
				const t = r.totals;
				expect(t.processed + t.backlog + t.queued + t.dropped).toBe(t.produced);
			}
	});
});

describe('basic-12: the DStream StreamingListener', () => {
	const r = run(basic12DStream);
	it('prints each batch’s delays as py4j shows Scala Options', () => {
		const b = r.batches[2];
		const call = r.listener.find((c) => c.batchId === 2);
		expect(call?.callback).toBe('onBatchCompleted');
		expect(call?.lines).toEqual([
			`records=${b?.records} schedulingDelay=Some(${b?.schedulingDelayMs})ms ` +
				`processingDelay=Some(${b?.processingMs})ms totalDelay=Some(${b?.totalDelayMs})ms`
		]);
	});
	it('its batch interval moves the control', () => {
		const code = basic12DStream
			.program(paramsOf(basic12DStream))
			.replace('StreamingContext(sc, 5)', 'StreamingContext(sc, 7)');
		const params = paramsOf(basic12DStream);
		const moved = clusterKind.paramsOf(basic12DStream, code, run(basic12DStream, {}, code), params);
		expect(moved['triggerInterval']).toBe(7);
	});
});
