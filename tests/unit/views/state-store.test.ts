import { describe, expect, it } from 'vitest';
import { frameAt } from '../../../simulations/kinds/event-time/frames';
import { runEventTimeProgram } from '../../../simulations/kinds/event-time/run';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import { defaultParams } from '../../../simulations/core/params';
import { describeStateStore, stateStoreAt } from '../../../src/lib/views/state-store/layout';
import { RUN } from './fixtures/progress-run';

describe('stateStoreAt', () => {
	it('before any batch finishes there is nothing to show', () => {
		const t = stateStoreAt(frameAt(RUN, 2050));
		expect(t.batchId).toBeNull();
		expect(t.rows).toEqual([]);
		expect(describeStateStore(t)).toMatch(/no batch has finished/);
	});

	it('shows the last finished batch’s StateOperatorProgress per operator, in Spark’s order', () => {
		const t = stateStoreAt(frameAt(RUN, 7000));
		expect(t.batchId).toBe(2);
		expect(
			t.rows.map((r) => [
				r.operatorName,
				r.numRowsTotal,
				r.numRowsUpdated,
				r.numRowsRemoved,
				r.numRowsDroppedByWatermark
			])
		).toEqual([
			['stateStoreSave', 2, 1, 2, 1],
			['dedupeWithinWatermark', 7, 2, 5, 0]
		]);
		expect(t.rows[0]?.gloss).toMatch(/^StateStoreSaveExec/);
	});

	it('while a batch runs, the numbers are still the previous batch’s', () => {
		expect(stateStoreAt(frameAt(RUN, 6050)).batchId).toBe(1);
	});

	it('the total equals the run’s state rows for that batch', () => {
		for (const b of RUN.batches)
			expect(stateStoreAt(frameAt(RUN, b.endMs)).totalRows).toBe(b.numStateRows);
	});

	it('each sparkline follows numRowsTotal batch by batch, its dot on the latest value', () => {
		const t = stateStoreAt(frameAt(RUN, 7000), 100, 20);
		expect(t.rows.map((r) => r.history)).toEqual([
			[2, 3, 2],
			[4, 10, 7]
		]);
		const dedupe = t.rows[1]!;
		expect(dedupe.sparkline.match(/[ML]/g)).toHaveLength(3);
		expect(dedupe.last?.x).toBeCloseTo(97);
		// Scaled to the operator's own peak (10 rows): 7 rows sits 70% of the way up.
		expect(dedupe.last?.y).toBeCloseTo(18 - 0.7 * 16);
	});

	it('a single batch has a dot but no line', () => {
		const t = stateStoreAt(frameAt(RUN, 2100));
		expect(t.rows[0]?.sparkline).toBe('');
		expect(t.rows[0]?.last).not.toBeNull();
	});

	it('describes every operator with Spark’s metric names', () => {
		const s = describeStateStore(stateStoreAt(frameAt(RUN, 4200)));
		expect(s).toBe(
			'State store after batch 1: stateStoreSave: numRowsTotal 3, numRowsUpdated 2, numRowsRemoved 0, numRowsDroppedByWatermark 0; ' +
				'dedupeWithinWatermark: numRowsTotal 10, numRowsUpdated 6, numRowsRemoved 0, numRowsDroppedByWatermark 0; 13 state rows in all.'
		);
	});
});

describe('state store on an engine run (advanced-07, defaults, seed 1)', () => {
	it('lists the aggregation and the deduplication, sink first, as lastProgress does', () => {
		const s = EVENT_TIME_SCENARIOS['advanced-07-event-time-and-state']!;
		const p = s.constrain(defaultParams(s.schema)).params;
		const r = runEventTimeProgram(s.program(p), {
			input: s.input(p, 1),
			kafkaValue: (e) => s.kafkaValue(e)
		});
		if (!r.ok) throw new Error(r.error.message);
		const last = r.value.batches.at(-1)!;
		const t = stateStoreAt(frameAt(r.value, last.endMs));
		expect(t.rows.map((x) => x.operatorName)).toEqual(['stateStoreSave', 'dedupeWithinWatermark']);
		expect(t.totalRows).toBe(last.numStateRows);
		expect(t.rows[1]?.history).toHaveLength(r.value.batches.length);
	});
});
