// Conservation in every run, property-based over seeds, rates, triggers, admission and retention:
// every produced record is processed exactly once, still in the backlog, or counted as dropped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runClusterQuery, type ClusterRun } from '../../../simulations/cluster/run';
import { smallQuery } from './fixtures';

function checkConservation(run: ClusterRun): void {
	let prevEnd: readonly number[] = run.batches[0]?.startOffsets.map(() => 0) ?? [];
	let processed = 0;
	let dropped = 0;
	for (const b of run.batches) {
		// Contiguous: a batch starts where the previous ended, unless retention deleted records
		// in between, and then exactly those are counted as dropped.
		const gap = b.startOffsets.reduce((a, s, p) => a + s - (prevEnd[p] ?? 0), 0);
		expect(b.startOffsets.every((s, p) => s >= (prevEnd[p] ?? 0))).toBe(true);
		expect(gap).toBe(b.droppedRows);
		// A batch reads its own range, never past what the source had.
		expect(b.numInputRows).toBe(
			b.endOffsets.reduce((a, e, p) => a + e - (b.startOffsets[p] ?? 0), 0)
		);
		expect(
			b.endOffsets.every((e, p) => e >= (b.startOffsets[p] ?? 0) && e <= (b.latestOffsets[p] ?? 0))
		).toBe(true);
		processed += b.numInputRows;
		dropped += b.droppedRows;
		prevEnd = b.endOffsets;
	}
	expect(processed).toBe(run.processed);
	// Records deleted after the last batch are counted in the run, not yet on a batch: exactly
	// the gap between the last batch's end and where the next batch would start.
	const tail = run.nextStartOffsets.reduce((a, s, p) => a + s - (prevEnd[p] ?? 0), 0);
	expect(dropped + tail).toBe(run.dropped);
	expect(run.processed + run.backlog + run.dropped).toBe(run.produced);
	expect(run.backlog).toBeGreaterThanOrEqual(0);
}

describe('conservation', () => {
	it('holds over seeds, rates, triggers, limits and retention (property)', () => {
		fc.assert(
			fc.property(
				fc.record({
					seed: fc.integer({ min: 1, max: 10_000 }),
					rate: fc.integer({ min: 0, max: 200_000 }),
					interval: fc.constantFrom(0, 500, 1000, 5000),
					limit: fc.option(fc.integer({ min: 1, max: 100_000 })),
					retention: fc.option(fc.integer({ min: 1000, max: 20_000 })),
					partitions: fc.integer({ min: 1, max: 8 }),
					skew: fc.double({ min: 0, max: 0.9, noNaN: true }),
					profile: fc.constantFrom('steady', 'bursts', 'spike'),
					jitter: fc.constantFrom(0, 0.3)
				}),
				(x) => {
					const profile =
						x.profile === 'steady'
							? ({ kind: 'steady', recordsPerSecond: x.rate } as const)
							: x.profile === 'bursts'
								? ({
										kind: 'bursts',
										recordsPerSecond: x.rate / 10,
										factor: 10,
										everyMs: 10_000,
										durationMs: 3000
									} as const)
								: ({
										kind: 'spike',
										recordsPerSecond: x.rate / 10,
										factor: 10,
										atMs: 5000,
										durationMs: 5000
									} as const);
					const run = runClusterQuery(
						smallQuery({
							seed: x.seed,
							durationMs: 30_000,
							triggerIntervalMs: x.interval,
							profile,
							profileJitter: x.jitter,
							admission:
								x.limit === null
									? { kind: 'none' }
									: { kind: 'maxOffsetsPerTrigger', limit: x.limit },
							source: {
								topic: 't',
								partitions: x.partitions,
								skew: x.skew,
								retentionMs: x.retention
							},
							recordTasks: false
						})
					);
					checkConservation(run);
				}
			),
			{ numRuns: 60 }
		);
	});

	it('counts records deleted after the last batch (fast-check counterexample)', () => {
		const run = runClusterQuery(
			smallQuery({
				durationMs: 30_000,
				triggerIntervalMs: 5000,
				// Three records at 5–8 s, then silence: at 10 s retention (1 s) has deleted all three unread
				// and no batch follows to report them.
				profile: { kind: 'perSecond', counts: [0, 0, 0, 0, 0, 1, 1, 1] },
				source: { topic: 't', partitions: 1, skew: 0, retentionMs: 1000 },
				recordTasks: false
			})
		);
		checkConservation(run);
		expect(run.dropped).toBe(3);
		expect(run.batches.reduce((n, b) => n + b.droppedRows, 0)).toBe(0);
	});

	it('drops only what retention deleted before it was read', () => {
		// 1 core, 100k rows/s at 0.02 ms/row → 2 s of work per second of data: each batch takes about
		// twice as long as the last, and with 5 s retention the oldest records are deleted unread.
		const run = runClusterQuery(
			smallQuery({
				profile: { kind: 'steady', recordsPerSecond: 100_000 },
				inputCost: { ...smallQuery().inputCost, perRowMs: 0.02 },
				cluster: {
					executors: 1,
					coresPerExecutor: 1,
					executorStartupMs: 0,
					dynamicAllocation: null
				},
				source: { topic: 't', partitions: 2, skew: 0, retentionMs: 5000 },
				recordTasks: false
			})
		);
		checkConservation(run);
		expect(run.dropped).toBeGreaterThan(0);
	});

	it('is deterministic: a seed and a spec give the same run', () => {
		const spec = smallQuery({
			profile: {
				kind: 'bursts',
				recordsPerSecond: 1000,
				factor: 50,
				everyMs: 10_000,
				durationMs: 2000
			},
			profileJitter: 0.3
		});
		expect(JSON.stringify(runClusterQuery(spec))).toBe(JSON.stringify(runClusterQuery(spec)));
	});
});
