// basic-10 on the source-sink kind, seed 1: the same crash after the sink write and before
// commits/N leaves the Kafka sink with duplicates and the file sink exact; update mode on the
// file sink is refused with Spark's error; the program's sink lines are spans both ways.
import { describe, expect, it } from 'vitest';
import { basic10Sinks as q } from '../../../simulations/questions/basic-10-sinks/question';
import { sourceSinkKind as kind } from '../../../simulations/kinds/source-sink/kind';
import { sourceSinkEngine as engine } from '../../../simulations/kinds/source-sink/engine';
import { frameAt, type SsRun } from '../../../simulations/kinds/source-sink/frames';
import { renderProgram } from '../../../simulations/core/template';

function runWith(params: Record<string, unknown>) {
	const p = q.constrain(params).params;
	return engine.run(q, { code: q.program(p), params: p, seed: 1, script: null, edits: [] });
}
function runPreset(id: string): SsRun {
	const preset = q.presets.find((p) => p.id === id);
	if (!preset) throw new Error(id);
	const r = runWith(preset.params);
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
}

describe('basic-10 presets at seed 1', () => {
	it('sinks (Kafka, update, crash after batch 2): the replay writes its 4 rows again', () => {
		const run = runPreset('sinks');
		expect(run.sinkGuarantee).toBe('at-least-once');
		expect(run.restarts).toEqual([{ stopMs: 10_000, startMs: 15_000, crashBeforeCommit: true }]);
		const [first, again] = run.batches.filter((b) => b.batchId === 2);
		expect(first!.commitLog).toBeNull();
		expect([first!.sink.delivered, again!.attempt, again!.sink.status]).toEqual([4, 2, 'written']);
		// The same offsets both times: offsets/2 was logged before the crash.
		expect(again!.start).toEqual(first!.start);
		expect(again!.end).toEqual(first!.end);
		expect(again!.sink.duplicates).toBe(4);
		// The newest rows are the replay's four records: each a second copy.
		expect(again!.sink.copies.filter(Boolean)).toHaveLength(4);
		expect(first!.sink.copies.some(Boolean)).toBe(false);
		expect(run.batches.at(-1)!.sink.duplicates).toBe(4);
		expect(frameAt(run, 12_000)).toMatchObject({ down: true, crashed: true });
	});
	it('file-exactly-once (file, append, crash after batch 4): the replay is skipped, no duplicate', () => {
		const run = runPreset('file-exactly-once');
		expect(run.sinkGuarantee).toBe('exactly-once');
		const [first, again] = run.batches.filter((b) => b.batchId === 4);
		expect(first!.sink.delivered).toBe(3);
		expect(again!.sink.status).toBe('skipped');
		expect(again!.sink.note).toBe('Skipping already committed batch 4');
		expect(again!.sink.visible).toBe(3);
		expect(run.batches.every((b) => b.sink.duplicates === 0)).toBe(true);
	});
	it('update-on-file-rejected: start() fails with Spark’s error, located at the writeStream chain', () => {
		const r = runWith(q.presets.find((p) => p.id === 'update-on-file-rejected')!.params);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error.message).toBe(
			'[STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE] Invalid streaming output mode: update. This output mode is not supported in Data Source parquet. SQLSTATE: 42KDE'
		);
		expect(r.error.line).toBeGreaterThan(30);
	});
	it('memory-complete: every batch replaces the table with the whole result', () => {
		const run = runPreset('memory-complete');
		expect(run.acceptedModes).toEqual(['append', 'update', 'complete']);
		for (const b of run.batches) expect(b.sink.visible).toBe(b.numOutputRows);
		expect(run.batches.at(-1)!.sink.visible).toBe(27);
	});
	it('the Kafka sink’s values are Spark’s to_json text', () => {
		const run = runPreset('sinks');
		const row = run.batches.at(-1)!.sink.rows.at(-1)!;
		expect(run.sinkColumns).toEqual(['key', 'value', 'topic', 'partition', 'offset']);
		expect(row[1]).toMatch(
			/^\{"window":\{"start":"2026-01-01T00:00:\d\d\.000Z","end":"2026-01-01T00:01:00\.000Z"\},"device":"d-\d","events":\d+\}$/
		);
	});
	it('the sink lines are spans both ways: a control rewrites them, the text moves the control', () => {
		const file = q.program(q.constrain({ sinkKind: 'file', outputMode: 'append' }).params);
		expect(file).toContain('.format("parquet")  # <- sinkKind');
		expect(file).toContain('.option("path", "/tmp/playground/out/basic-10")  # <- sinkKind');
		expect(file).not.toContain('"topic"');
		const params = q.constrain({}).params;
		const back = kind.paramsOf(q, file, runPreset('sinks'), params);
		expect([back.sinkKind, back.outputMode]).toEqual(['file', 'append']);
		const memory = q.program(q.constrain({ sinkKind: 'memory' }).params);
		expect(memory).toContain('.queryName("device_counts")  # <- sinkKind');
		expect(kind.paramsOf(q, memory, runPreset('sinks'), params).sinkKind).toBe('memory');
	});
	it('foreach-batch-replay: write_batch runs again for batch 2 and its append lands twice', () => {
		const run = runPreset('foreach-batch-replay');
		expect([run.sinkKind, run.sinkGuarantee]).toEqual(['foreachBatch', 'at-least-once']);
		const [first, again] = run.batches.filter((b) => b.batchId === 2);
		expect(first!.commitLog).toBeNull();
		expect([first!.sink.delivered, again!.attempt, again!.sink.status]).toEqual([4, 2, 'written']);
		expect([again!.sink.duplicated, again!.sink.duplicates]).toEqual([4, 4]);
		expect(again!.sink.visible).toBe(first!.sink.visible + 4);
		expect(run.batches.at(-1)!.sink.duplicates).toBe(4);
	});
	it('foreach-batch-idempotent: the same re-run overwrites batch 2’s folder, no duplicate', () => {
		const run = runPreset('foreach-batch-idempotent');
		const [first, again] = run.batches.filter((b) => b.batchId === 2);
		expect([again!.attempt, again!.sink.status, again!.sink.delivered]).toEqual([2, 'written', 4]);
		expect([again!.sink.duplicated, again!.sink.visible]).toEqual([0, first!.sink.visible]);
		expect(run.batches.every((b) => b.sink.duplicates === 0)).toBe(true);
	});
	it('foreachBatch-two-targets: two writes per batch_id; the replay duplicates the topic only', () => {
		const run = runPreset('foreachBatch-two-targets');
		const topic = 'Kafka topic device-counts-feed';
		const table = 'parquet /tmp/playground/out/device-counts';
		// Every batch with rows reached both targets: the topic appended, the table overwrote.
		for (const b of run.batches.filter((x) => x.sink.delivered > 0))
			expect(b.sink.targets.map((t) => [t.target, t.mode, t.wrote])).toEqual([
				[topic, 'append', b.sink.delivered],
				[table, 'overwrite', b.sink.delivered]
			]);
		const [first, again] = run.batches.filter((b) => b.batchId === 2);
		expect([first!.commitLog, again!.attempt]).toEqual([null, 2]);
		const of = (b: SsRun['batches'][number], t: string) =>
			b.sink.targets.find((x) => x.target === t)!;
		// The re-run called write_batch again with batch_id 2: the topic got its 4 rows a second
		// time, the table's batch_id=2 folder was replaced and still holds them once.
		expect([of(again!, topic).duplicated, of(again!, topic).visible]).toEqual([
			4,
			of(first!, topic).visible + 4
		]);
		expect([of(again!, table).duplicated, of(again!, table).visible]).toEqual([
			0,
			of(first!, table).visible
		]);
		const last = run.batches.at(-1)!;
		expect([of(last, topic).duplicates, of(last, table).duplicates, last.sink.duplicates]).toEqual([
			4, 0, 4
		]);
		// Both targets got the same rows: the topic holds the table's rows plus the replay's copies.
		expect(of(last, topic).visible).toBe(of(last, table).visible + 4);
	});
	it('foreachBatch-two-targets is a span both ways; a Kafka overwrite gets Spark’s refusal', () => {
		const params = q.constrain({}).params;
		const two = q.program(q.constrain({ sinkKind: 'foreachBatch-two-targets' }).params);
		expect(two).toContain('    batch_df.persist()');
		expect(two).toContain('    batch_df.unpersist()');
		expect(kind.paramsOf(q, two, runPreset('sinks'), params).sinkKind).toBe(
			'foreachBatch-two-targets'
		);
		// Control away (to each other sink) and back restores the preset's text exactly.
		for (const other of ['kafka', 'foreachBatch', 'foreachBatch-idempotent', 'memory']) {
			const away = renderProgram(two, q.rewrites({ ...params, sinkKind: other }));
			expect(away).toBe(q.program(q.constrain({ sinkKind: other }).params));
			expect(
				renderProgram(away, q.rewrites({ ...params, sinkKind: 'foreachBatch-two-targets' }))
			).toBe(two);
		}
		const p = q.constrain({ sinkKind: 'foreachBatch-two-targets' }).params;
		const overwrite = two.replace(
			'batch_df.write.mode("append").format("kafka")',
			'batch_df.write.mode("overwrite").format("kafka")'
		);
		const r = engine.run(q, { code: overwrite, params: p, seed: 1, script: null, edits: [] });
		// The function runs at batch time: the first batch with rows stops the query.
		expect(r.ok && r.value.failure?.message).toContain(
			'Reason: Save mode Overwrite not allowed for Kafka. Allowed save modes are Append and ErrorIfExists (default).'
		);
	});
	it('a Kafka write from write_batch checks its columns as Spark does (no value: refused)', () => {
		const p = q.constrain({ sinkKind: 'foreachBatch-two-targets' }).params;
		const code = q
			.program(p)
			.replace(
				'batch_df.write.mode("append").format("kafka")',
				'batch_df.select("key").write.mode("append").format("kafka")'
			);
		const r = engine.run(q, { code, params: p, seed: 1, script: null, edits: [] });
		expect(r.ok && r.value.failure?.message).toContain(
			"Reason: Required attribute 'value' not found"
		);
	});
	it('foreachBatch is a span both ways: the def above the chain and .foreachBatch in it', () => {
		const params = q.constrain({}).params;
		const kafka = q.program(params);
		const fb = q.program(q.constrain({ sinkKind: 'foreachBatch' }).params);
		const lines = fb.split('\n');
		const def = lines.findIndex((l) => l.startsWith('def write_batch(batch_df, batch_id):'));
		const chain = lines.findIndex((l) => l.includes('.foreachBatch(write_batch)  # <- sinkKind'));
		expect(def).toBeGreaterThan(0);
		expect(lines.findIndex((l) => l.startsWith('query = ('))).toBeGreaterThan(def);
		expect(chain).toBeGreaterThan(def);
		expect(fb).not.toContain('.format("kafka")  # <- sinkKind');
		expect(fb).not.toContain('"topic"');
		// The editor's text moves the control, and the control rewrites the text back exactly.
		expect(kind.paramsOf(q, fb, runPreset('sinks'), params).sinkKind).toBe('foreachBatch');
		const idem = q.program(q.constrain({ sinkKind: 'foreachBatch-idempotent' }).params);
		expect(idem).toContain(
			'.mode("overwrite").parquet(f"/tmp/playground/out/basic-10/batch_id={batch_id}")'
		);
		expect(kind.paramsOf(q, idem, runPreset('sinks'), params).sinkKind).toBe(
			'foreachBatch-idempotent'
		);
		// An edit of the chain's lines alone still reads back: the line above is every built-in sink's.
		const memory = q.program(q.constrain({ sinkKind: 'memory' }).params);
		const edited = memory
			.replace('.format("memory")', '.format("parquet")')
			.replace('.queryName("device_counts")', '.option("path", "/tmp/playground/out/basic-10")');
		expect(kind.paramsOf(q, edited, runPreset('sinks'), params).sinkKind).toBe('file');
		const backToKafka = q.rewrites(params).sinkKind!;
		const rendered = fb
			.split('\n')
			.map((l) => {
				const m = /\s*# <- sinkKind\s*$/.exec(l);
				if (!m) return l;
				const next = backToKafka(l.slice(0, m.index));
				return next === null ? null : next + l.slice(m.index);
			})
			.filter((l) => l !== null)
			.join('\n');
		expect(rendered).toBe(kafka);
	});
});
