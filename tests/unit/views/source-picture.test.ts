// The source picture of basic-04: units marked by what became of them, the offset log in source terms.
import { describe, expect, it } from 'vitest';
import { layoutSource } from '../../../src/lib/views/source-picture/layout';
import { frameAt } from '../../../simulations/kinds/source-sink/frames';
import { sourceSinkEngine } from '../../../simulations/kinds/source-sink/engine';
import { basic04Sources as q } from '../../../simulations/questions/basic-04-sources/question';
import { runProgram } from '../fixtures/run-program';

function runOf(preset: string) {
	const p = q.presets.find((x) => x.id === preset)!;
	const params = q.constrain(p.params).params;
	return runProgram(sourceSinkEngine, q, params);
}

describe('layoutSource', () => {
	it('marks the socket lines of the crashed batch lost once the query restarted', () => {
		const run = runOf('socket-crash');
		const s = run.source!;
		const restart = run.restarts[0]!;
		const before = layoutSource(run, s, frameAt(run, restart.stopMs));
		expect(before.lost).toBe(0);
		expect(before.log.at(-1)).toMatchObject({ batchId: 4, committed: false });
		const after = layoutSource(run, s, frameAt(run, restart.startMs), 1000);
		expect(after.lost).toBe(s.lost.length);
		expect(after.lost).toBeGreaterThan(0);
		const lostCells = after.units.filter((u) => u.state === 'lost').map((u) => u.id);
		expect(lostCells).toEqual(s.lost);
		expect(after.log.at(-1)).toMatchObject({ batchId: 4, attempt: 2, rows: 0, committed: true });
	});

	it('marks the files a replayed batch read twice as replayed, none lost', () => {
		const params = q.constrain({ crashAtBatch: '3' }).params;
		const r = sourceSinkEngine.run(q, {
			code: q.program(params),
			params,
			seed: 1,
			script: null,
			edits: []
		});
		if (!r.ok) throw new Error(r.error.message);
		const run = r.value;
		const pic = layoutSource(run, run.source!, frameAt(run, run.endMs), 1000);
		const again = run.batches.find((b) => b.attempt === 2)!;
		expect(again.read?.units.length).toBeGreaterThan(0);
		expect(pic.units.filter((u) => u.state === 'replayed').map((u) => u.id)).toEqual(
			again.read?.units
		);
		expect(pic.lost).toBe(0);
	});

	it('keeps the latest units, and every lost one, when more arrived than it shows', () => {
		const run = runOf('socket-crash');
		const lost = run.source!.lost.length;
		const pic = layoutSource(run, run.source!, frameAt(run, run.endMs), 10);
		expect(pic.units).toHaveLength(10 + lost);
		expect(pic.units.filter((u) => u.state === 'lost')).toHaveLength(lost);
		expect(pic.hidden).toBe(run.source!.units.length - 10 - lost);
	});
});

describe('layoutSource offset log', () => {
	it('keeps the crashed batch and its re-run beside the latest lines', () => {
		const run = runOf('socket-crash');
		const pic = layoutSource(run, run.source!, frameAt(run, run.endMs), 40, 3);
		expect(pic.log.map((l) => `${l.batchId}.${l.attempt}`)).toEqual([
			'4.1',
			'4.2',
			...run.batches.slice(-3).map((b) => `${b.batchId}.1`)
		]);
	});
});
