import { describe, expect, it } from 'vitest';
import { frameAt, type DsRun } from '../../../simulations/kinds/dstream/frames';
import {
	COL_MIN,
	MAX_LINES,
	charsFor,
	columnsThatFit,
	describeDStream,
	firstVisible,
	fit,
	labelThatFits,
	layoutDStream,
	stripes
} from '../../../src/lib/views/dstream-batches/layout';
import { runFixture } from '../kinds/dstream/fixture';

function fixedRun(): DsRun {
	const r = runFixture();
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
}

describe('columnsThatFit', () => {
	it('fits 3 columns on a 390 px phone (minus padding) and 7 at 1000 px', () => {
		expect(columnsThatFit(350, 20)).toBe(2);
		expect(columnsThatFit(390, 20)).toBe(3);
		expect(columnsThatFit(1000, 20)).toBe(7);
	});
	it('never more than the batches there are, never fewer than one', () => {
		expect(columnsThatFit(1000, 2)).toBe(2);
		expect(columnsThatFit(50, 20)).toBe(1);
	});
});

describe('stripes', () => {
	it('splits the width in proportion to partition sizes, 2 px apart', () => {
		const s = stripes([1, 3], 0, 102);
		expect(s).toEqual([
			{ x: 0, w: 25 },
			{ x: 27, w: 75 }
		]);
	});
	it('keeps an empty partition visible as a hairline', () => {
		expect(stripes([0, 10], 0, 100)[0]?.w).toBe(2);
	});
});

describe('fit', () => {
	it('keeps short text and cuts long text with an ellipsis at the limit', () => {
		expect(fit('spark', 10)).toBe('spark');
		expect(fit("'window spark stream'", 10)).toBe("'window s…");
		expect(fit("'window spark stream'", 10)).toHaveLength(10);
	});
	it('charsFor grows with the box width', () => {
		expect(charsFor(COL_MIN)).toBeLessThan(charsFor(2 * COL_MIN));
	});
});

describe('layoutDStream on the fixed run', () => {
	it('one box per (row, visible batch), keyed by nodeId@batchTime', () => {
		const run = fixedRun();
		const g = layoutDStream(run, frameAt(run, 9000), 1000);
		expect(g.columns.map((c) => c.batchTime)).toEqual([2000, 4000, 6000, 8000, 10000]);
		expect(g.cells).toHaveLength(run.rows.length * 5);
		expect(new Set(g.cells.map((c) => c.key)).size).toBe(g.cells.length);
		expect(g.cells[0]?.key).toBe(`${run.rows[0]?.nodeId}@2000`);
	});

	it('the filling input box shows only the blocks cut so far', () => {
		const run = fixedRun();
		const g = layoutDStream(run, frameAt(run, 1200), 1000);
		const input = g.cells.find((c) => c.key === `${run.rows[0]?.nodeId}@2000`);
		expect(input?.phase).toBe('filling');
		expect(input?.title).toBe('2 lines · 2 blocks');
		expect(input?.stripes).toHaveLength(2);
	});

	it('the window bracket spans the three batch columns of the window at 8 s', () => {
		const run = fixedRun();
		const end8 = run.batches.find((b) => b.batchTime === 8000)?.endMs ?? 0;
		const g = layoutDStream(run, frameAt(run, end8), 1000);
		const col = (t: number) => g.columns.find((c) => c.batchTime === t);
		expect(g.bracket?.x0).toBe(col(4000)?.x);
		expect(g.bracket?.x1).toBe((col(8000)?.x ?? 0) + (col(8000)?.w ?? 0));
		expect(g.bracket?.label).toBe('window at 8 s: 3 batches');
	});

	it('state arrows join consecutive finished batches only', () => {
		const run = fixedRun();
		const end6 = run.batches.find((b) => b.batchTime === 6000)?.endMs ?? 0;
		const g = layoutDStream(run, frameAt(run, end6), 1000);
		const state = run.rows.find((r) => r.kind === 'state')?.nodeId;
		expect(g.arrows.map((a) => a.key)).toEqual([`${state}@4000`, `${state}@6000`]);
	});

	it('a box shows at most MAX_LINES lines, the last one counting the rest', () => {
		const run = fixedRun();
		const g = layoutDStream(run, frameAt(run, 12_000), 1000);
		for (const c of g.cells) expect(c.lines.length).toBeLessThanOrEqual(MAX_LINES);
	});

	it('on a 390 px phone the grid is 3 columns and no box leaves the width', () => {
		const run = fixedRun();
		const g = layoutDStream(run, frameAt(run, 12_000), 390);
		expect(g.columns).toHaveLength(3);
		for (const c of g.cells) expect(c.x + c.w).toBeLessThanOrEqual(390);
		// Narrow boxes drop the block count from the input title; the stripes still show it.
		const early = layoutDStream(run, frameAt(run, 5000), 390);
		const input = early.cells.find((c) => c.key === `${run.rows[0]?.nodeId}@2000`);
		expect(input?.title).toBe('3 lines');
		expect(input?.stripes).toHaveLength(3);
	});

	it('the aria-label states the last batch, each output and the window', () => {
		const run = fixedRun();
		const end8 = run.batches.find((b) => b.batchTime === 8000)?.endMs ?? 0;
		const text = describeDStream(run, frameAt(run, end8));
		expect(text).toContain('last batch 8 s: 0 lines');
		expect(text).toContain('window covers batches 4 s, 6 s, 8 s');
		expect(text).toMatch(/totals: .*\('spark', 4\)/);
	});
});

describe('labelThatFits', () => {
	it('full label when it fits, then name and call, then the name cut to fit', () => {
		const run = fixedRun();
		const row = run.rows[2];
		if (!row) throw new Error('no row');
		expect(labelThatFits(row, 2000, 200)).toBe(
			'windowed = ….reduceByKeyAndWindow(…) · window: the last 3 batches (6 s), every 2 s'
		);
		expect(labelThatFits(row, 2000, 40)).toBe('windowed = ….reduceByKeyAndWindow(…)');
		expect(labelThatFits(row, 2000, 6)).toBe('windo…');
	});
});

describe('firstVisible', () => {
	it('keeps the last finished batch in view when later ones queue up', () => {
		const phases = [
			'done',
			'done',
			'done',
			'running',
			'queued',
			'queued',
			'queued',
			'filling'
		] as const;
		const frame = { batches: phases.map((phase) => ({ phase })) } as unknown as Parameters<
			typeof firstVisible
		>[0];
		expect(firstVisible(frame, 3)).toBe(2);
		expect(firstVisible(frame, 8)).toBe(0);
	});
});
