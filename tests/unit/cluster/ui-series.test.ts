// The Spark UI statistics page's charts from a cluster run's progress.
import { describe, expect, it } from 'vitest';
import { clusterProgress, progressContext } from '../../../simulations/cluster/progress';
import { runClusterQuery } from '../../../simulations/cluster/run';
import { recentProgress, structuredStreamingCharts } from '../../../simulations/cluster/ui-series';
import { smallQuery } from './fixtures';

describe('Structured Streaming tab', () => {
	const run = runClusterQuery(
		smallQuery({
			durationMs: 150_000,
			profile: { kind: 'steady', recordsPerSecond: 10_000 },
			stateful: {
				shufflePartitions: 8,
				keySkew: 0,
				cost: { ...smallQuery().inputCost, taskOverheadMs: 3 },
				keys: 500,
				watermarkDelayMs: 5000
			},
			recordTasks: false
		})
	);
	const ctx = progressContext(1);
	const all = run.batches.map((b) => clusterProgress(run, b, ctx));

	it('shows only the newest 99 progress entries, as recentProgress keeps them', () => {
		// Batches 0–149 (one a second): the page after batch 149 shows batches 51–149.
		const recent = recentProgress(all);
		expect(recent.length).toBe(99);
		expect(recent[0]?.batchId).toBe(51);
		expect(recentProgress(all, 10).map((p) => p.batchId)).toEqual([
			0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
		]);
	});

	it("lists Spark's charts in page order with their units", () => {
		const charts = structuredStreamingCharts(recentProgress(all));
		expect(charts.map((c) => [c.title, c.unit])).toEqual([
			['Input Rate', 'records/sec'],
			['Process Rate', 'records/sec'],
			['Input Rows', 'records'],
			['Batch Duration', 'ms'],
			['Operation Duration', 'ms'],
			['Global Watermark Gap', 'seconds'],
			['Aggregated Number Of Total State Rows', 'records'],
			['Aggregated Number Of Updated State Rows', 'records'],
			['Aggregated State Memory Used In Bytes', 'bytes'],
			['Aggregated Number Of Rows Dropped By Watermark', 'records']
		]);
		expect(Object.keys(charts[4]?.stacked ?? {})).not.toContain('triggerExecution');
		// Batch k runs at k s with watermark (newest record of batch k−1, produced at (k−1) s) − 5 s:
		// the gap is k − (k − 1 − 5) = 6 s.
		expect(new Set(charts[5]?.points.map((p) => p.value))).toEqual(new Set([6]));
	});
});
