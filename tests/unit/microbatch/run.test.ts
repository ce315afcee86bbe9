import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunConfig, Trace } from '../../../simulations/microbatch/trace';
import type { TriggerSpec } from '../../../simulations/structured/runtime/trigger-policy';
import { wordCount, traceOf } from './queries';

const rateRun = (over: Partial<RunConfig> & { trigger: TriggerSpec }, rate = 100): RunConfig => ({
	source: { kind: 'rate', rowsPerSecond: rate, numPartitions: 2 },
	cost: { fixedOverheadMs: 300, perRowCostUs: 50, numPartitions: 2, cores: 4 },
	untilMs: 20_000,
	seed: 7,
	...over
});

/** Invariants every micro-batch run keeps, whatever the trigger or cost. */
function expectLoopInvariants(trace: Trace) {
	trace.batches.forEach((b, i) => {
		expect(b.batchId).toBe(i); // none skipped
		const prev = trace.batches[i - 1];
		if (prev) {
			expect(b.triggerAt).toBeGreaterThanOrEqual(prev.commitAt); // never overlap
			expect(b.startOffset).toBe(prev.endOffset); // contiguous offset ranges
			expect(b.endOffset).toBeGreaterThan(prev.endOffset); // no new data, no batch
		} else {
			expect(b.startOffset).toBeNull();
		}
	});
}

describe('buildTrace: batch boundaries', () => {
	it('processingTime 2 s at 100 rows/s: batches start on the 2 s grid and read whole seconds', () => {
		const trace = traceOf(rateRun({ trigger: { kind: 'processingTime', intervalMs: 2000 } }));
		expectLoopInvariants(trace);
		const [first, ...rest] = trace.batches;
		expect(first?.triggerAt).toBe(trace.queryStartMs); // the first trigger fires at start
		expect(first?.numInputRows).toBe(0); // batch 0 of a fresh rate source: no whole second yet
		for (const b of rest) {
			expect((b.triggerAt + trace.epochOffsetMs) % 2000).toBe(0);
			expect(b.numInputRows).toBe((b.endOffset - (b.startOffset ?? 0)) * 100);
		}
	});

	it('the sub-second trigger still makes about one batch per second, with idle ticks between', () => {
		const trace = traceOf(rateRun({ trigger: { kind: 'processingTime', intervalMs: 250 } }));
		expectLoopInvariants(trace);
		for (const b of trace.batches.slice(1)) expect(b.numInputRows).toBe(100);
		expect(trace.idleTriggers.length).toBeGreaterThan(trace.batches.length);
	});

	it('the default trigger runs the next batch as soon as a new second is there (polls every 10 ms)', () => {
		const trace = traceOf(rateRun({ trigger: { kind: 'default', intervalMs: 0 } }));
		expectLoopInvariants(trace);
		for (const b of trace.batches.slice(1)) {
			const secondEnd = trace.queryStartMs + (b.endOffset ?? 0) * 1000;
			expect(b.triggerAt).toBeGreaterThanOrEqual(secondEnd);
			expect(b.triggerAt - secondEnd).toBeLessThan(25); // idle attempt 15 ms + 10 ms polling delay
		}
	});

	it('once runs exactly one batch then terminates', () => {
		const trace = traceOf(rateRun({ trigger: { kind: 'once', intervalMs: 0 } }));
		expect(trace.batches).toHaveLength(1);
		expect(trace.terminatedAt).toBe(trace.batches[0]?.commitAt);
	});

	it('availableNow on the rate source falls back to one batch, with Spark’s warning', () => {
		const trace = traceOf(rateRun({ trigger: { kind: 'availableNow', intervalMs: 0 } }));
		expect(trace.batches).toHaveLength(1);
		expect(trace.log[0]?.message).toMatch(
			/does not support Trigger.AvailableNow. Falling back to single batch execution/
		);
	});
});

describe('buildTrace: overrun', () => {
	const overrun = rateRun(
		{
			trigger: { kind: 'processingTime', intervalMs: 2000 },
			cost: { fixedOverheadMs: 300, perRowCostUs: 900, numPartitions: 2, cores: 4 },
			untilMs: 30_000
		},
		2000
	);

	it('a batch longer than the interval starts the next one at its commit, and logs falling behind', () => {
		const trace = traceOf(overrun);
		expectLoopInvariants(trace);
		const late = trace.batches.filter((b) => b.fallingBehind);
		expect(late.length).toBeGreaterThan(3);
		for (const b of late) {
			const next = trace.batches[b.batchId + 1];
			if (next) expect(next.triggerAt).toBe(b.commitAt);
		}
		expect(trace.log.some((l) => l.message.startsWith('Current batch is falling behind'))).toBe(
			true
		);
	});

	it('latency climbs when batches overrun', () => {
		const trace = traceOf(overrun);
		const max = trace.batches.map((b) => b.latencyMs?.max ?? 0);
		expect(Math.max(...max.slice(-3))).toBeGreaterThan(max[1]! + 2000);
	});

	it('fuzz: any interval, rate and cost keeps the loop invariants and the executor’s start rule', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 40 }).map((k) => k * 250),
				fc.integer({ min: 1, max: 3000 }),
				fc.integer({ min: 0, max: 1000 }),
				fc.integer({ min: 0, max: 2000 }),
				fc.integer({ min: 1, max: 1000 }),
				(intervalMs, rate, perRowCostUs, fixedOverheadMs, seed) => {
					const trace = traceOf({
						...rateRun(
							{ trigger: { kind: 'processingTime', intervalMs }, seed, untilMs: 15_000 },
							rate
						),
						cost: { fixedOverheadMs, perRowCostUs, numPartitions: 2, cores: 4 }
					});
					expectLoopInvariants(trace);
					trace.batches.forEach((b, i) => {
						const prev = trace.batches[i - 1];
						if (!prev) return;
						// Either the next grid tick after the previous start, or at once after an overrun,
						// or a later tick when idle ticks found no data in between.
						const epoch = b.triggerAt + trace.epochOffsetMs;
						expect(b.triggerAt === prev.commitAt || epoch % intervalMs === 0).toBe(true);
					});
				}
			),
			{ numRuns: 40, seed: 20261123 }
		);
	});
});

describe('buildTrace: determinism by seed', () => {
	const run = (seed: number) =>
		rateRun({ trigger: { kind: 'processingTime', intervalMs: 1000 }, seed });

	it('same seed and params → byte-identical serialised trace', () => {
		expect(JSON.stringify(traceOf(run(42)))).toBe(JSON.stringify(traceOf(run(42))));
	});

	it('different seeds → different arrivals (the query starts at a different instant)', () => {
		expect(traceOf(run(1)).queryStartMs).not.toBe(traceOf(run(2)).queryStartMs);
	});

	it('socket runs: same seed same lines, different seed different lines', () => {
		const socket = (seed: number): RunConfig => ({
			...run(seed),
			source: { kind: 'socket', linesPerSecond: 2, wordsPerLine: 3 }
		});
		const traced = (seed: number) => traceOf(socket(seed), wordCount('complete'));
		expect(JSON.stringify(traced(5))).toBe(JSON.stringify(traced(5)));
		expect(JSON.stringify(traced(5).lines)).not.toBe(JSON.stringify(traced(6).lines));
	});
});

describe('buildTrace: socket source (R7.4)', () => {
	const trace = traceOf(
		{
			source: { kind: 'socket', linesPerSecond: 2, wordsPerLine: 3 },
			trigger: { kind: 'processingTime', intervalMs: 1000 },
			cost: { fixedOverheadMs: 300, perRowCostUs: 50, numPartitions: 1, cores: 4 },
			untilMs: 20_000,
			seed: 11
		},
		wordCount('update')
	);

	it('offsets are line indexes: −1 before the first line; a batch reads (start, end]', () => {
		expectLoopInvariants(trace);
		const [b0, b1] = trace.batches;
		expect(b0?.startOffset).toBeNull();
		expect(b0?.endOffset).toBe(trace.lines.filter((l) => l.atMs <= b0!.triggerAt).length - 1);
		expect(b1?.numInputRows).toBe(b1!.endOffset - b1!.startOffset!);
	});

	it('every line that arrived before a trigger is read by that trigger’s batch', () => {
		for (const b of trace.batches.slice(1)) {
			const arrived = trace.lines.filter((l) => l.atMs <= b.triggerAt).length;
			expect(b.endOffset).toBe(arrived - 1);
		}
	});

	it('update mode sends only the words of the batch, with running totals', () => {
		const b = trace.batches.find((x) => x.numInputRows > 0)!;
		const words = new Set(
			trace.lines.slice(b.startOffset! + 1, b.endOffset + 1).flatMap((l) => l.text.split(' '))
		);
		expect(new Set(b.output.map((r) => r.cells[0]))).toEqual(words);
		expect(new Set(b.emitted)).toEqual(words);
		// Running totals: each word's count is its number of occurrences in every line read so far.
		const read = trace.lines.slice(0, b.endOffset + 1).flatMap((l) => l.text.split(' '));
		for (const r of b.output)
			expect(Number(r.cells[1])).toBe(read.filter((w) => w === r.cells[0]).length);
	});
});
