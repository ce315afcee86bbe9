/**
 * The join buffers view on advanced-14's left outer join (engine run, fixtures/engine-runs.ts):
 * each lane holds as many rows as the engine's join state reports (numRowsTotal of its
 * symmetricHashJoin operator), rows stored and evicted by the last batch are marked so, each
 * side's bound sits at the engine's state watermark, and a NULL row appears once the batch that
 * wrote it has ended, never before.
 */
import { describe, expect, it } from 'vitest';
import { frameAt } from '$sim/kinds/event-time';
import { describeJoinBuffers, layoutJoinBuffers } from '$lib/views/join-buffers/layout';
import { JOIN } from './fixtures/engine-runs';

describe('join buffers (advanced-14 left outer)', () => {
	const run = JOIN.run;
	const join = run.join!;

	it('the run carries the join’s buffers from the engine trace', () => {
		expect(join.left).toBe('impressions');
		expect(join.right).toBe('clicks');
		expect(join.rows.length).toBeGreaterThan(0);
		expect(join.rows.some((r) => r.nullBatch !== null)).toBe(true);
		expect(join.pairs.length).toBeGreaterThan(0);
	});

	it('at every batch, the lanes hold what the engine’s join state holds', () => {
		for (const b of run.batches) {
			const g = layoutJoinBuffers(run, frameAt(run, b.endMs), 900)!;
			const op = b.progress?.stateOperators.find((s) => s.operatorName === 'symmetricHashJoin');
			if (!op) continue;
			expect(g.lanes[0]!.count + g.lanes[1]!.count, `batch ${b.batchId}`).toBe(op.numRowsTotal);
			const stored = join.rows.filter(
				(r) => r.storedBatch === b.batchId && r.evictedBatch !== b.batchId
			);
			expect(
				g.marks
					.filter((m) => m.state === 'entering')
					.map((m) => m.id)
					.sort()
			).toEqual(stored.map((r) => r.id).sort());
			const evicted = join.rows.filter((r) => r.evictedBatch === b.batchId);
			expect(g.marks.filter((m) => m.state === 'leaving')).toHaveLength(evicted.length);
		}
	});

	it('NULL rows appear when the batch that wrote them ends, not before', () => {
		const first = Math.min(
			...join.rows.filter((r) => r.nullBatch !== null).map((r) => r.nullBatch!)
		);
		const at = run.batches.find((b) => b.batchId === first)!;
		const before = layoutJoinBuffers(run, frameAt(run, at.endMs - 1), 900)!;
		const after = layoutJoinBuffers(run, frameAt(run, at.endMs), 900)!;
		expect(before.nulls).toHaveLength(0);
		expect(after.nulls.length).toBeGreaterThan(0);
		expect(after.nulls.every((n) => n.fresh)).toBe(true);
		expect(describeJoinBuffers(after)).toContain(`by this batch`);
		// The page's point arrives early: the first NULL row within the first third of the run.
		expect(at.endMs).toBeLessThanOrEqual(run.endMs / 3 + 1000);
	});

	it('before the first batch the buffers are empty and say so', () => {
		const g = layoutJoinBuffers(run, frameAt(run, 0), 900)!;
		expect(g.marks).toHaveLength(0);
		expect(g.lanes.map((l) => l.boundLabel)).toEqual(['no batch yet', 'no batch yet']);
	});
});
