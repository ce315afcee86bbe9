import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { type ContinuousConfig } from '../../../simulations/microbatch/continuous';
import ContinuousTimeline from '../../../src/lib/views/continuous-timeline/ContinuousTimeline.svelte';
import {
	contrastCaption,
	describeContinuous,
	epochTableRows,
	sinkCaption
} from '../../../src/lib/views/continuous-timeline/describe';
import { latencyLabel } from '../../../src/lib/views/continuous-timeline/format';
import {
	layoutContinuous,
	MAX_MARKS,
	visibleWindow
} from '../../../src/lib/views/continuous-timeline/layout';
import { normalise } from './fixtures/markup';
import { continuousOf } from '../microbatch/queries';

const BASE: ContinuousConfig = {
	rowsPerSecond: 100,
	numPartitions: 2,
	epochIntervalMs: 1000,
	cores: 2,
	perRowCostUs: 50,
	untilMs: 12_000,
	seed: 1,
	microBatch: { triggerIntervalMs: 2000, fixedOverheadMs: 300 }
};
const count = (html: string, cls: string) => html.split(`class="${cls}`).length - 1;

describe('ContinuousTimeline (server-rendered SVG)', () => {
	const trace = continuousOf(BASE);

	it('continuous="1 second", 10 rows/s, 2 partitions at 5.5 s, seed 1', async () => {
		const sparse = continuousOf({ ...BASE, rowsPerSecond: 10 });
		const { body } = render(ContinuousTimeline, {
			props: { trace: sparse, now: 5500, width: 960 }
		});
		await expect(normalise(body)).toMatchFileSnapshot(
			'./__snapshots__/continuous-timeline-default.svg.txt'
		);
	});

	it('draws one "epoch committed" line per epoch committed by the cursor', () => {
		for (const now of [900, 2100, 5500]) {
			const { body } = render(ContinuousTimeline, { props: { trace, now, width: 960 } });
			const committed = trace.epochs.filter((e) => e.commitMs !== null && e.commitMs <= now);
			expect(count(body, 'epoch-commit')).toBe(committed.length);
		}
		const { body } = render(ContinuousTimeline, { props: { trace, now: 5500, width: 960 } });
		expect(body).toContain('epoch 5 committed'); // the latest, in full
		expect(body).toContain('4 ✓'); // earlier ones, short: epochs are 71 px apart
	});

	it('draws one lane per task and one tick per row processed by the cursor', () => {
		const now = 5500;
		const g = layoutContinuous(trace, now, { width: 960 });
		const processed = trace.lanes.reduce(
			(s, l) => s + l.rows.filter((r) => r.processedMs <= now).length,
			0
		);
		expect(g.lanes).toHaveLength(2);
		expect(g.sampleEvery).toBe(1);
		expect(g.ticks).toHaveLength(processed);
		// Epoch 5 committed at 5.087 s; rows of epoch 6 (p0 due 5087…5487, p1 5047…5487) are open.
		expect(g.ticks.filter((t) => t.status === 'uncommitted')).toHaveLength(21 + 23);
		expect(g.ticks.filter((t) => t.status === 'committed')).toHaveLength(processed - 44);
	});

	it('puts the micro-batch mean on the latency strip, far above the continuous rows', () => {
		const g = layoutContinuous(trace, 5500, { width: 960 });
		const mean = trace.latency.microBatch.latency!.mean;
		expect(g.microBatchLine!.label).toBe(`micro-batch mean ${latencyLabel(mean)}`);
		expect(g.continuousLine!.label).toBe('continuous median 50 µs');
		const steady = g.latency.filter((l) => l.x > g.cursorX - 200);
		expect(steady.every((l) => l.y > g.microBatchLine!.y)).toBe(true); // lower on screen = shorter
	});

	it('says the contrast in one line: latency, guarantee, and what the trigger value is', () => {
		const line = contrastCaption(trace);
		expect(line).toContain('50 µs');
		expect(line).toContain('as micro-batches every 2 seconds: mean');
		expect(line).toContain('at-least-once');
		expect(line).toContain('continuous="1 second" is the checkpoint (epoch) interval');
		expect(sinkCaption(trace)).toContain('console sink publishes an epoch when it commits');
		expect(describeContinuous(trace, 5500)).toContain('2 of 2 tasks running, 6 epochs committed');
	});

	it('samples ticks by row value when the window holds more than MAX_MARKS rows', () => {
		const busy = continuousOf({
			...BASE,
			rowsPerSecond: 4000,
			numPartitions: 4,
			cores: 4,
			untilMs: 8000
		});
		const g = layoutContinuous(busy, 7000, { width: 960 });
		expect(g.sampleEvery).toBeGreaterThan(1);
		expect(g.ticks.length).toBeLessThanOrEqual(MAX_MARKS * 1.1);
		const later = layoutContinuous(busy, 7010, { width: 960 });
		const ids = new Set(later.ticks.map((t) => t.id));
		expect(g.ticks.filter((t) => t.x > 400).every((t) => ids.has(t.id))).toBe(true);
	});

	it('visibleWindow keeps at least three epochs in view', () => {
		const slow = continuousOf({ ...BASE, epochIntervalMs: 10_000, untilMs: 60_000 });
		const [from, to] = visibleWindow(slow, 40_000);
		expect(to - from).toBe(30_000);
	});
});

describe('ContinuousTimeline with a failure and a restart', () => {
	const trace = continuousOf({
		...BASE,
		failureAtMs: 3500,
		restartAfterMs: 2000,
		sink: 'kafka'
	});

	it('marks the failure, the downtime, the restart and the replayed rows', () => {
		const { body } = render(ContinuousTimeline, { props: { trace, now: 7000, width: 960 } });
		expect(body).toContain('task failed: query stopped');
		expect(body).toContain('restarted after epoch 3: 44 rows again');
		const g = layoutContinuous(trace, 7000, { width: 960 });
		expect(g.ticks.filter((t) => t.status === 'replay')).toHaveLength(44);
		// The failed run's epoch 4 rows (due 3047…3487) never commit: abandoned, then redone.
		const abandoned = g.ticks.filter((t) => t.status === 'abandoned');
		expect(abandoned.length).toBe(44);
		expect(abandoned.every((t) => t.id.startsWith('0:'))).toBe(true);
		const before = layoutContinuous(trace, 3400, { width: 960 });
		expect(before.ticks.some((t) => t.status === 'abandoned')).toBe(false);
		expect(sinkCaption(trace)).toContain(
			'44 rows were processed again; the sink received 44 of them twice'
		);
	});

	it('keeps the failure and restart labels inside the figure at a phone width', () => {
		// Just after the restart the restart line is near the window's right edge.
		for (const width of [360, 960]) {
			const g = layoutContinuous(trace, 5600, { width });
			const f = g.failure!;
			const right = (x: number, anchor: 'start' | 'end', text: string) =>
				anchor === 'start' ? x + text.length * 6.2 : x;
			expect(right(f.labelX, f.labelAnchor, f.label)).toBeLessThanOrEqual(width);
			expect(right(f.restartX, f.restartAnchor, f.restartLabel!)).toBeLessThanOrEqual(width);
		}
		expect(layoutContinuous(trace, 5600, { width: 360 }).failure!.restartAnchor).toBe('end');
	});

	it('a console sink had not printed the replayed rows, and the caption says so', () => {
		const console = continuousOf({ ...BASE, failureAtMs: 3500, restartAfterMs: 2000 });
		expect(sinkCaption(console)).toContain(
			'44 rows were processed again; the console sink had not published them yet'
		);
	});

	it('the epoch table lists both runs, with offsets only for committed epochs', () => {
		const rows = epochTableRows(trace, 7000);
		expect(rows.find((r) => r.id === '0:3')!.offsets).toBe('p0: 242, p1: 239');
		expect(rows.some((r) => r.run === 1 && r.epoch === 4)).toBe(true);
	});
});

describe('ContinuousTimeline with fewer cores than partitions', () => {
	it('shows the tasks without a core, no commit line, and says why', async () => {
		const trace = continuousOf({ ...BASE, rowsPerSecond: 20, numPartitions: 4, cores: 2 });
		const { body } = render(ContinuousTimeline, { props: { trace, now: 6000, width: 390 } });
		expect(count(body, 'epoch-commit')).toBe(0);
		expect(body).toContain('p3: no core');
		expect(body).toContain('at least 4 cores for the query to make progress');
		await expect(normalise(body)).toMatchFileSnapshot(
			'./__snapshots__/continuous-timeline-stall-phone.svg.txt'
		);
	});
});

describe('layoutContinuous never throws at the edges', () => {
	it('at time 0, before any task, past the end, and at a phone width', () => {
		for (const over of [
			{},
			{ untilMs: 1000 },
			{ failureAtMs: 700, restartAfterMs: 0 },
			{ cores: 1, numPartitions: 16 }
		]) {
			const trace = continuousOf({ ...BASE, ...over });
			for (const now of [0, 500, trace.endMs, trace.endMs + 5000]) {
				for (const width of [320, 960]) {
					const g = layoutContinuous(trace, now, { width });
					expect(Number.isFinite(g.height)).toBe(true);
					expect(g.ticks.every((t) => Number.isFinite(t.x))).toBe(true);
				}
			}
		}
	});
});
