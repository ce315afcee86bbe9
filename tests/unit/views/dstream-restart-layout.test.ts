import { describe, expect, it } from 'vitest';
import { layoutDStream } from '../../../src/lib/views/dstream-batches/layout';
import { frameAt } from '../../../simulations/kinds/dstream/frames';
import {
	layoutRestart,
	restartSummary
} from '../../../src/lib/views/dstream-batches/restart-layout';
import { program, run } from '../kinds/dstream/restart-fixture';
import { predictionsOf } from '../../../simulations/kinds/dstream/predict';
import { describeFrame } from '../../../simulations/kinds/dstream/describe';

describe('the restart strip (driver dies at 7 s, back at 9 s, run to 14 s)', () => {
	const r = run(program({ wal: true }));
	const end = r.endMs;
	const x = (t: number) => 8 + (t / end) * (1000 - 16);

	it('draws the driver up, down from 7 s to 9 s, up again', () => {
		const g = layoutRestart(r, 0, 1000)!;
		expect(g.up).toEqual([
			{ x0: 8, x1: x(7000) },
			{ x0: x(9000), x1: 992 }
		]);
		expect(g.down).toMatchObject({ x0: x(7000), x1: x(9000), label: 'down 7 s–9 s' });
	});

	it('a tick per batch: 3 by the first driver, 2 re-run, the rest new', () => {
		const g = layoutRestart(r, 0, 1000)!;
		const kinds = g.ticks.map((t) => t.kind);
		expect(kinds.filter((k) => k === 'first')).toHaveLength(3);
		expect(kinds.filter((k) => k === 'rerun')).toHaveLength(2);
		expect(g.marks.map((m) => m.label)).toEqual(['checkpoint 6 s', 'state 4 s']);
	});

	it('draws the crash between the first driver’s last batch and the restarted driver’s first', () => {
		const g = layoutDStream(r, frameAt(r, 9500), 1280);
		const k = g.columns.findIndex((c) => c.rerun);
		expect(g.columns.slice(k - 1, k + 1).map((c) => c.key)).toEqual(['6000', '6000r']);
		expect(g.crash?.x).toBe(g.columns[k]!.x - 5);
		expect(g.crash?.label).toBe('driver died at 7 s, back at 9 s');
	});

	it('says what was re-run, read back and never received', () => {
		expect(restartSummary(r)).toBe(
			'getOrCreate rebuilt the context from checkpoint 6 s without calling the setup function; 2 batches re-run (6 s, 8 s); 3 records read back from the write-ahead log; 2 lines sent while down never received.'
		);
		expect(restartSummary(run(program()))).toMatch(
			/3 received records lost \(no write-ahead log\)/
		);
	});

	it('asks what the re-run batch holds; the narration says the driver is down', () => {
		const label = (p: ReturnType<typeof predictionsOf>[number]) =>
			p.choices.find((c) => c.id === p.answer)?.label;
		const p = predictionsOf(run(program())).find((x) => x.id.startsWith('rerun'))!;
		expect(p).toMatchObject({ id: 'rerun-6000', askAtMs: 7000 });
		expect(label(p)).toBe('0 records');
		expect(label(predictionsOf(r).find((x) => x.id.startsWith('rerun'))!)).toBe('2 records');
		expect(describeFrame(r, 8000)).toMatch(/^The driver died at 7 s/);
	});
});
