// advanced-15: each case's aha, from the engine's run at seed 1 (every alert is a sink row the
// program's filter let through), and each case's controls read back from its program's text.
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../simulations/core/params';
import { withEngines } from '../../../simulations/kinds/with-engines';
import type { QuestionSimulation } from '../../../simulations/kinds/kind';
import type { EtRun } from '../../../simulations/kinds/event-time/frames';
import type { KsRun } from '../../../simulations/kinds/keyed-state/frames';
import { question } from '../../../simulations/questions/advanced-15-real-world-applications/index';

const sims = await withEngines(question);
const byTab = (id: string) => sims.find((s) => s.question.programId === id) as QuestionSimulation;

function runAt<R>(sim: QuestionSimulation, preset: string, extra: Params = {}): R {
	const q = sim.question;
	const p = q.presets.find((x) => x.id === preset)!;
	const params = q.constrain({ ...defaultParams(q.schema), ...p.params, ...extra }).params;
	const r = sim.engine!.run(q, {
		code: q.program(params),
		params,
		seed: 1,
		script: null,
		edits: []
	});
	if (!r.ok) throw new Error(r.error.message);
	return r.value as R;
}

const json = (v: unknown) => JSON.parse(String(v)) as Record<string, unknown>;

describe('advanced-15 case A: fraud detection', () => {
	const fraud = byTab('main');
	const run = runAt<EtRun>(fraud, 'fraud');
	const alerts = run.batches.flatMap((b) => b.output.map((o) => ({ b: b.batchId, v: json(o[1]) })));

	it('every alert crosses a threshold of the program, and a burst alerts in overlapping windows', () => {
		expect(alerts.length).toBeGreaterThan(0);
		for (const { v } of alerts)
			expect(
				(v.txn_count as number) > 5 ||
					(v.total_amount as number) > 2000 ||
					(v.countries as number) > 1
			).toBe(true);
		const windows = new Map<string, Set<string>>();
		for (const { v } of alerts) {
			const w = v.window as { start: string };
			const set = windows.get(v.card_id as string) ?? new Set<string>();
			set.add(w.start);
			windows.set(v.card_id as string, set);
		}
		expect(Math.max(...[...windows.values()].map((s) => s.size))).toBeGreaterThan(1);
	});

	it('update mode repeats a (card, window) as it grows', () => {
		const seen = new Map<string, number>();
		for (const { v } of alerts) {
			const k = `${v.card_id} ${(v.window as { start: string }).start}`;
			seen.set(k, (seen.get(k) ?? 0) + 1);
		}
		expect([...seen.values()].some((n) => n > 1)).toBe(true);
	});

	it('dropDuplicatesWithinWatermark drops the retries; without it honest cards alert', () => {
		const retries = run.events.filter((e) => e.id.endsWith('-retry'));
		expect(retries.length).toBeGreaterThan(0);
		expect(
			run.events
				.filter((e) => e.duplicate)
				.map((e) => e.id)
				.sort()
		).toEqual(retries.map((e) => e.id).sort());
		const cards = (r: EtRun) => new Set(r.batches.flatMap((b) => b.output.map((o) => o[0])));
		const noDedup = runAt<EtRun>(fraud, 'no-dedup');
		const withDedup = runAt<EtRun>(fraud, 'no-dedup', { dedup: 'on' });
		expect(cards(noDedup).size).toBeGreaterThan(cards(withDedup).size);
		expect(
			fraud.question.program({ ...defaultParams(fraud.question.schema), dedup: 'off' })
		).not.toContain('dropDuplicatesWithinWatermark');
	});

	it('the controls follow the program text', () => {
		const q = fraud.question;
		const base = q.constrain({}).params;
		const code = q.program(base).replace('MAX_TXN_PER_WINDOW = 5', 'MAX_TXN_PER_WINDOW = 9');
		expect(fraud.kind.paramsOf(q, code, null, base).maxTxnPerWindow).toBe(9);
		const off = q.program({ ...base, dedup: 'off' });
		expect(fraud.kind.paramsOf(q, off, null, base).dedup).toBe('off');
	});
});

describe('advanced-15 case B: IoT analytics', () => {
	const iot = byTab('iot');
	const run = runAt<EtRun>(iot, 'iot');
	const col = (name: string) => run.outputColumns.indexOf(name);

	it('every alert is a sensor-minute whose average is above OVERHEAT_C', () => {
		const rows = run.batches.flatMap((b) => b.output);
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) expect(r[col('avg_temp')] as number).toBeGreaterThan(30);
	});

	it('late readings are dropped and counted; a tighter lateness drops more', () => {
		const dropped = (r: EtRun) => r.batches.reduce((n, b) => n + b.numRowsDroppedByWatermark, 0);
		const tight = runAt<EtRun>(iot, 'tight-lateness');
		expect(dropped(run)).toBeGreaterThan(0);
		expect(dropped(tight)).toBeGreaterThan(dropped(run));
		expect(tight.events.filter((e) => e.dropped).length).toBeGreaterThan(
			run.events.filter((e) => e.dropped).length
		);
	});
});

describe('advanced-15 case C: anomaly detection', () => {
	const anomaly = byTab('anomaly');
	const run = runAt<KsRun>(anomaly, 'anomaly');
	const yielded = (r: KsRun) => r.batches.flatMap((b) => b.emitted.map((e) => json(e[1])));

	it('every anomaly is beyond Z_THRESHOLD of the mean kept in state', () => {
		const rows = yielded(run);
		expect(rows.length).toBeGreaterThan(0);
		for (const v of rows) expect(Math.abs(v.z_score as number)).toBeGreaterThan(3.5);
	});

	it('without warm-up ordinary noise alerts; a timeout forgets the quiet sensor', () => {
		expect(yielded(runAt<KsRun>(anomaly, 'no-warmup')).length).toBeGreaterThan(yielded(run).length);
		expect(run.batches.flatMap((b) => b.removed)).toEqual([]);
		const idle = runAt<KsRun>(anomaly, 'idle-timeout');
		expect(idle.batches.flatMap((b) => b.removed)).toContain('pump-4');
	});

	it('the controls follow the program text', () => {
		const q = anomaly.question;
		const base = q.constrain({}).params;
		const code = q.program(base).replace('Z_THRESHOLD = 3.5', 'Z_THRESHOLD = 5.0');
		expect(anomaly.kind.paramsOf(q, code, null, base).zThreshold).toBe(5);
	});
});
