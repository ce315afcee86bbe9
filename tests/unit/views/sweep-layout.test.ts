// The sweep's geometry (advanced-05) from hand-made points: one dot per run, the current one and
// the knee marked, crowded labels dropped, the interval's diagonal for a trigger sweep and the
// cores' line for a partitions sweep, "no limit" past the largest maxOffsetsPerTrigger.
import { describe, expect, it } from 'vitest';
import type { SweepPoint, SweepResult } from '../../../simulations/cluster/sweep';
import { sweepLayout, sweepValueLabel } from '../../../src/lib/views/cluster/sweep-layout';

const pt = (value: number, p50Ms: number, throughput: number, meanBatchMs: number): SweepPoint => ({
	value,
	p50Ms,
	p95Ms: p50Ms * 1.3,
	throughput,
	sustained: throughput,
	meanBatchMs,
	batches: 10,
	behind: false,
	select: {}
});

const trigger: SweepResult = {
	over: 'triggerInterval',
	points: [pt(0, 700, 20_000, 480), pt(500, 720, 20_100, 490), pt(5000, 6500, 25_800, 3760)],
	current: 500,
	knee: 500,
	cores: 8
};

describe('sweep layout', () => {
	const g = sweepLayout(trigger, 600, 230);

	it('one dot per run; more throughput is further right, more latency higher up', () => {
		const [a, , c] = g.tradeoff.dots;
		expect(g.tradeoff.dots).toHaveLength(3);
		expect(c!.x).toBeGreaterThan(a!.x);
		expect(c!.y50).toBeLessThan(a!.y50);
		expect(c!.y95).toBeLessThan(c!.y50);
	});

	it('marks the program’s setting and the knee, and keeps one label where points crowd', () => {
		const cur = g.tradeoff.dots.filter((d) => d.current).map((d) => d.value);
		expect(cur).toEqual([500]);
		expect(g.tradeoff.dots.find((d) => d.knee)?.value).toBe(500);
		// 0 and 500 ms sit on top of each other: the current one keeps its label.
		expect(g.tradeoff.dots.filter((d) => d.labelled).map((d) => d.value)).toEqual([500, 5000]);
	});

	it('draws duration = interval as the trigger sweep’s guide, the knee line at 500 ms', () => {
		expect(g.duration.guide?.label).toBe('duration = interval');
		const d500 = g.duration.dots.find((d) => d.value === 500)!;
		expect(g.duration.kneeX).toBeCloseTo(d500.x);
	});

	it('a partitions sweep draws the cores; a limit sweep puts “no limit” rightmost', () => {
		const parts = sweepLayout(
			{
				...trigger,
				over: 'shufflePartitions',
				points: [pt(1, 9e4, 5e3, 14e3), pt(8, 1400, 23e3, 860), pt(200, 2100, 2e4, 1400)],
				current: 200,
				knee: 8
			},
			600,
			230
		);
		expect(parts.duration.guide?.label).toBe('8 cores');
		const limits = sweepLayout(
			{
				...trigger,
				over: 'maxOffsetsPerTrigger',
				points: [
					pt(10_000, 9e4, 2e4, 490),
					pt(100_000, 6e4, 2.6e4, 3800),
					pt(0, 7.8e4, 2.7e4, 45e3)
				],
				current: 100_000,
				knee: 100_000
			},
			600,
			230
		);
		const xs = limits.duration.dots.map((d) => d.x);
		expect(xs[2]).toBeGreaterThan(xs[1]!);
		expect(sweepValueLabel('maxOffsetsPerTrigger', 0)).toBe('no limit');
		expect(sweepValueLabel('triggerInterval', 0)).toBe('default');
		expect(sweepValueLabel('triggerInterval', 1500)).toBe('1.5 s');
	});
});
