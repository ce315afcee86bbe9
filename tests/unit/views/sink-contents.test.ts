// The sink panel: accepted modes with the program's marked, each batch's write named by what the
// sink did with it (a replay written again or skipped), and the rows a reader sees.
import { describe, expect, it } from 'vitest';
import { sinkPanel } from '../../../src/lib/views/sink-contents/layout';
import type { SsBatch, SsFrame, SsRun } from '../../../simulations/kinds/source-sink/frames';

const batch = (
	batchId: number,
	attempt: number,
	sink: Partial<SsBatch['sink']>,
	commitLog: string | null = '{}'
): SsBatch => ({
	batchId,
	triggerMs: batchId * 5000,
	start: {},
	end: {},
	numInputRows: 20,
	numOutputRows: 4,
	offsetLog: '',
	commitLog,
	sinkRecords: 0,
	attempt,
	sink: {
		status: 'written',
		note: null,
		delivered: 4,
		visible: 0,
		rows: [],
		copies: [],
		duplicates: 0,
		duplicated: 0,
		targets: [],
		rowTargets: [],
		...sink
	}
});

const run = (acceptedModes: SsRun['acceptedModes'], outputMode: SsRun['outputMode']) =>
	({ acceptedModes, outputMode, sinkColumns: ['key', 'value'] }) as unknown as SsRun;

const frame = (batches: SsBatch[]): SsFrame => ({
	t: 0,
	partitions: [],
	batches,
	current: batches.at(-1) ?? null,
	down: false,
	crashed: false,
	failed: null,
	finished: null,
	skippedOffsets: 0
});

describe('sinkPanel', () => {
	it('Kafka after a crash: batch 2 written, then written again, 4 duplicates', () => {
		const p = sinkPanel(
			run(['append', 'update', 'complete'], 'update'),
			frame([
				batch(1, 1, { visible: 7 }),
				batch(2, 1, { visible: 11 }, null),
				batch(2, 2, {
					visible: 15,
					duplicates: 4,
					duplicated: 4,
					rows: [
						['d-1', '{}'],
						['d-2', '{}']
					],
					copies: [false, true]
				})
			])
		);
		expect(p.modes.map((m) => [m.mode, m.accepted, m.current])).toEqual([
			['append', true, false],
			['update', true, true],
			['complete', true, false]
		]);
		expect(p.writes.map((w) => [w.status, w.uncommitted, w.label])).toEqual([
			['written', false, 'batch 1: 4 rows'],
			['written', true, 'batch 2: 4 rows'],
			['replayed', false, 'batch 2 again: 4 rows written a second time']
		]);
		expect([p.visible, p.duplicates, p.rows, p.copies]).toEqual([
			15,
			4,
			[
				['d-2', '{}'],
				['d-1', '{}']
			],
			[true, false]
		]);
	});
	it('file sink: only append accepted; the replay is skipped with the sink’s note', () => {
		const p = sinkPanel(
			run(['append'], 'append'),
			frame([
				batch(4, 1, { delivered: 3, visible: 3 }, null),
				batch(4, 2, { status: 'skipped', note: 'Skipping already committed batch 4', visible: 3 })
			])
		);
		expect(p.modes.filter((m) => m.accepted).map((m) => m.mode)).toEqual(['append']);
		expect(p.writes[1]).toMatchObject({
			status: 'skipped',
			label: 'batch 4 again: skipped (Skipping already committed batch 4)'
		});
		expect(p.duplicates).toBe(0);
	});
	it('foreachBatch overwriting by batch_id: the replay replaced its first write, no duplicate', () => {
		const p = sinkPanel(
			run(['append', 'update', 'complete'], 'update'),
			frame([batch(2, 1, { visible: 11 }, null), batch(2, 2, { visible: 11 })])
		);
		expect(p.writes.map((w) => [w.status, w.label])).toEqual([
			['written', 'batch 2: 4 rows'],
			['replayed', 'batch 2 again: 4 rows replaced its first write, no duplicate']
		]);
		expect(p.duplicates).toBe(0);
	});
	it('foreachBatch to two targets: a lane each; the replay appended again to one, replaced in the other', () => {
		const topic = 'Kafka topic feed';
		const table = 'parquet /out';
		const targets = (wrote: number, topicVisible: number, topicDup: number, topicAdded: number) => [
			{
				target: topic,
				mode: 'append' as const,
				wrote,
				visible: topicVisible,
				duplicates: topicDup,
				duplicated: topicAdded
			},
			{
				target: table,
				mode: 'overwrite' as const,
				wrote,
				visible: 11,
				duplicates: 0,
				duplicated: 0
			}
		];
		const p = sinkPanel(
			run(['append', 'update', 'complete'], 'update'),
			frame([
				batch(2, 1, { targets: targets(4, 11, 0, 0) }, null),
				batch(2, 2, {
					targets: targets(4, 15, 4, 4),
					rows: [
						['d-1', '{}'],
						['d-1', '{}']
					],
					rowTargets: [table, topic]
				})
			])
		);
		expect(p.targets.map((t) => [t.target, t.mode, t.visible, t.duplicates])).toEqual([
			[topic, 'append', 15, 4],
			[table, 'overwrite', 11, 0]
		]);
		expect(p.targets.map((t) => t.writes.map((w) => [w.status, w.uncommitted, w.label]))).toEqual([
			[
				['written', true, 'batch 2: 4 rows'],
				['replayed', false, 'batch 2 again: 4 rows appended a second time']
			],
			[
				['written', true, 'batch 2: 4 rows'],
				['skipped', false, 'batch 2 again: 4 rows replaced its first write, no duplicate']
			]
		]);
		// Each row says which target holds it, newest first.
		expect(p.columns).toEqual(['target', 'key', 'value']);
		expect(p.rows.map((r) => r[0])).toEqual([topic, table]);
	});
	it('one target: no lanes, the row table as before', () => {
		const one = [
			{
				target: 'parquet /out',
				mode: 'append' as const,
				wrote: 4,
				visible: 4,
				duplicates: 0,
				duplicated: 0
			}
		];
		const p = sinkPanel(run(['append'], 'append'), frame([batch(1, 1, { targets: one })]));
		expect([p.targets, p.columns]).toEqual([[], ['key', 'value']]);
	});
	it('keeps the last writes only', () => {
		const many = Array.from({ length: 12 }, (_, i) => batch(i, 1, {}));
		expect(
			sinkPanel(run(['append'], 'append'), frame(many), 8).writes.map((w) => w.batchId)
		).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
	});
});
