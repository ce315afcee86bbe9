// basic-04 (sources): the source-neutral run on the one loop. Each format reads its own source,
// offsets/N holds the source's own offset, and a crash before commits/N replays the batch from
// offsets/N: the same rows from file, Kafka and rate-micro-batch, none from the socket, whose
// lines in flight are counted lost.
import { describe, expect, it } from 'vitest';
import { sourceSinkEngine } from '../../../simulations/kinds/source-sink/engine';
import { paramsFromProgram } from '../../../simulations/kinds/read-back';
import { basic04Sources as q } from '../../../simulations/questions/basic-04-sources/question';
import type { Params } from '../../../simulations/core/params';
import { runResult } from '../fixtures/run-program';

function run(raw: Record<string, unknown>, code?: (c: string) => string) {
	const params = q.constrain(raw).params;
	const text = q.program(params);
	const r = runResult(sourceSinkEngine, q, params, code ? code(text) : text);
	return r;
}
function ok(raw: Record<string, unknown>) {
	const r = run(raw);
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
}

describe('basic-04 sources on the source-sink kind', () => {
	it('file: offsets/N is the file log position; maxFilesPerTrigger caps a batch at 2 files', () => {
		const r = ok({});
		const [b0, b1] = r.batches;
		expect(b0?.offsetLog.split('\n')[2]).toBe('{"logOffset":0}');
		expect(b0?.read?.units).toEqual(['part-00000.json', 'part-00001.json']);
		expect(b1?.read?.units).toEqual(['part-00002.json', 'part-00003.json']);
		expect(r.batches.every((b) => (b.read?.units.length ?? 0) <= 2)).toBe(true);
		// 4 readings a file, 4 devices: the complete-mode table holds 4 rows.
		expect(b0?.numInputRows).toBe(8);
		expect(r.source?.replayable).toBe(true);
		const one = ok({ maxFilesPerTrigger: 1 });
		expect(one.batches.every((b) => (b.read?.units.length ?? 0) <= 1)).toBe(true);
	});

	it('socket: the re-run batch reads nothing and the lines in flight are lost, counted', () => {
		const r = ok({ sourceKind: 'socket', crashAtBatch: '4' });
		const first = r.batches.find((b) => b.batchId === 4 && b.attempt === 1)!;
		const again = r.batches.find((b) => b.batchId === 4 && b.attempt === 2)!;
		expect(first.commitLog).toBeNull();
		expect(first.numInputRows).toBeGreaterThan(0);
		expect(again.offsetLog.split('\n')[2]).toBe(first.offsetLog.split('\n')[2]);
		expect(again.numInputRows).toBe(0);
		// Lost: the crashed batch's lines and every line sent before the new connection.
		const restart = r.restarts[0]!;
		const sentBefore = r.source!.units.filter((u) => u.atMs < restart.startMs).map((u) => u.id);
		const committed = new Set(
			r.batches.filter((b) => b.commitLog !== null).flatMap((b) => b.read?.units ?? [])
		);
		expect(r.source!.lost).toEqual(sentBefore.filter((id) => !committed.has(id)));
		expect(r.source!.lost).toEqual(expect.arrayContaining(first.read!.units as string[]));
		expect(r.source!.lost.length).toBeGreaterThan(first.read!.units.length);
	});

	it('Kafka and rate-micro-batch: the re-run batch reads the same offsets and rows', () => {
		for (const raw of [
			{ sourceKind: 'kafka', crashAtBatch: '4', arrivalRate: 1 },
			{ sourceKind: 'rate-micro-batch', crashAtBatch: '3' },
			{ sourceKind: 'file', crashAtBatch: '3' }
		]) {
			const r = ok(raw);
			const id = Number(raw.crashAtBatch);
			const [first, again] = r.batches.filter((b) => b.batchId === id);
			expect(again?.attempt).toBe(2);
			expect(again?.read).toEqual(first?.read);
			expect(again?.numInputRows).toBe(first?.numInputRows);
			expect(again?.numInputRows).toBeGreaterThan(0);
			expect(r.source!.lost).toEqual([]);
		}
	});

	it('rate-micro-batch: batch k is values 20k…20k+19 stamped k s, whatever the trigger', () => {
		for (const triggerInterval of [2, 5]) {
			const r = ok({ sourceKind: 'rate-micro-batch', triggerInterval });
			expect(r.batches[3]?.read?.terms).toBe('offset 60 → 80, timestamp 3000 ms: values 60–79');
		}
	});

	it('rate: offsets are whole seconds since the start, rowsPerSecond 10 a second', () => {
		const r = ok({ sourceKind: 'rate' });
		expect(r.batches[1]?.read?.terms).toBe('seconds 0 → 2: values 0–19');
		expect(r.batches[1]?.offsetLog.split('\n')[2]).toBe('2');
		expect(r.batches[1]?.numInputRows).toBe(20);
	});

	it('a format the page does not simulate is a message located at its source', () => {
		const r = run({}, (c) => c.replace('format("json")', 'format("delta")'));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error.message).toContain('format("delta") is not one of them');
		expect(r.error.line).toBe(
			q
				.program(q.constrain({}).params)
				.split('\n')
				.findIndex((l) => l.includes('.load(')) + 1
		);
	});

	it('sourceKind is a span both ways: each variant renders, and its text reads back', () => {
		for (const sourceKind of ['file', 'kafka', 'socket', 'rate', 'rate-micro-batch']) {
			const params = q.constrain({ sourceKind }).params;
			const code = q.program(params);
			const back = paramsFromProgram(q, code, q.constrain({}).params as Params);
			expect(back['sourceKind']).toBe(sourceKind);
			const r = run({ sourceKind });
			expect(r.ok).toBe(true);
			if (r.ok) expect(r.value.source?.kind).toBe(sourceKind);
		}
	});
});
