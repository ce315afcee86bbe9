// advanced-11 on the schema-evolution kind, seed 1: each preset's story holds in the run's numbers.
import { describe, expect, it } from 'vitest';
import { advanced11Schema as q } from '../../../simulations/questions/advanced-11-schema-evolution/question';
import { schemaEvolutionKind as kind } from '../../../simulations/kinds/schema-evolution/kind';
import { schemaEvolutionEngine as engine } from '../../../simulations/kinds/schema-evolution/engine';
import { frameAt, type SeRun } from '../../../simulations/kinds/schema-evolution/frames';
import { layoutTimeline } from '../../../src/lib/views/schema-timeline/layout';
import { runResult, unwrap } from '../fixtures/run-program';

function runPreset(id: string, code?: string): SeRun {
	const preset = q.presets.find((p) => p.id === id);
	if (!preset) throw new Error(id);
	const params = q.constrain(preset.params).params;
	return unwrap(runResult(engine, q, params, code));
}

const count = (run: SeRun, version: string, fate: string) =>
	run.records.filter((r) => r.version === version && r.fate === fate).length;

describe('advanced-11 presets at seed 1', () => {
	it('field-added: v2 records parse with currency dropped; the output has no currency column', () => {
		const run = runPreset('field-added');
		expect(run.goodColumns).toEqual(['offset', 'order_id', 'amount', 'event_time']);
		const v2 = run.records.filter((r) => r.version === 'v2' && !r.malformed);
		expect(v2.length).toBeGreaterThan(70);
		for (const r of v2) {
			expect(r.fate).toBe('parsed');
			expect(r.ignored).toEqual(['currency']);
		}
		// The broken lines (2 %) are dead letters with their text; nothing fails.
		const broken = run.records.filter((r) => r.malformed);
		expect(broken.length).toBeGreaterThan(0);
		for (const r of broken) expect(r.fate).toBe('corrupt');
		expect(run.failure).toBeNull();
	});
	it('schema-v2: currency appears for v2 records and is null for the v1 records before it', () => {
		const run = runPreset('schema-v2');
		expect(run.goodColumns).toContain('currency');
		expect(count(run, 'v1', 'nulls')).toBe(40);
		expect(count(run, 'v2', 'parsed')).toBe(80);
		const v1 = run.records.find((r) => r.version === 'v1')!;
		expect(v1.nullFields).toEqual(['currency']);
	});
	it('type-changed: every record with amount as a string is a dead letter holding its text', () => {
		const run = runPreset('type-changed');
		expect(count(run, 'v3', 'corrupt')).toBe(60);
		expect(count(run, 'v3', 'parsed')).toBe(0);
		const b = run.batches.find((x) => x.corrupt > 0)!;
		expect(b.deadRows[0]?.[1]).toMatch(/"amount":"\d+\.\d\d"/);
	});
	it('failfast: the first batch with a broken line fails both queries with Spark’s error', () => {
		const run = runPreset('failfast');
		expect(run.failure?.message).toMatch(
			/^\[MALFORMED_RECORD_IN_PARSING\.WITHOUT_SUGGESTION\] Malformed records are detected in record parsing: \[null,null,null,\{"order_id":"o-\d+","amount":\d+\.\]\.\nParse Mode: FAILFAST/
		);
		expect(run.batches.every((b) => b.triggerMs < run.failure!.atMs)).toBe(true);
		expect(run.records.filter((r) => r.fate === 'parsed')).toHaveLength(0);
		const f = frameAt(run, run.endMs);
		expect(f.failed).not.toBeNull();
		expect(f.counts.v1.failed).toBeGreaterThan(0);
	});
	it('the same preset in PERMISSIVE mode keeps running: only the broken lines are dead letters', () => {
		const run = runPreset('malformed');
		expect(run.failure).toBeNull();
		const broken = run.records.filter((r) => r.malformed);
		expect(broken.length).toBeGreaterThan(5);
		expect(run.batches.reduce((s, b) => s + b.corrupt, 0)).toBe(broken.length);
	});
	it('DROPMALFORMED is refused as Spark refuses it, located in the program', () => {
		const params = q.constrain({}).params;
		const code = q.program(params).replace('"mode": "PERMISSIVE"', '"mode": "DROPMALFORMED"');
		const r = engine.run(q, { code, params, seed: 1, script: null, edits: [] });
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.error.message).toContain("doesn't support the DROPMALFORMED mode");
			expect(r.error.line).toBeGreaterThan(15);
		}
	});
	it('an edit to the schema line moves the control', () => {
		const params = q.constrain({}).params;
		const code = q
			.program(params)
			.replace('event_time TIMESTAMP, _corrupt', 'event_time TIMESTAMP, currency STRING, _corrupt');
		expect(kind.paramsOf(q, code, null, params).readerSchema).toBe('v2');
	});
	it('the timeline puts each record in its fate’s lane and shows only what was sent by the cursor', () => {
		const run = runPreset('type-changed');
		const layout = layoutTimeline(run, frameAt(run, 42_000));
		expect(layout.bands.map((b) => b.version)).toEqual(['v1', 'v2', 'v3']);
		expect(layout.dots.length).toBe(84);
		const lanes = new Set(layout.dots.filter((d) => d.version === 'v3').map((d) => d.lane));
		// v3 records read by the batch at 40 s are dead letters (lane 2); later ones wait (lane 4).
		expect([...lanes].sort()).toEqual([2, 4]);
	});
});
