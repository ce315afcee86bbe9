import { describe, expect, it } from 'vitest';
import { procTime } from '../../../simulations/core/time';
import { EPOCH_OFFSET_MS } from '../../../simulations/microbatch/run';
import { typedSocketLines, typingGapMs } from '../../../simulations/microbatch/socket-source';
import type { RunConfig } from '../../../simulations/microbatch/trace';
import type { TriggerSpec } from '../../../simulations/structured/runtime/trigger-policy';
import { wordCount, traceOf } from './queries';

const TURNS = [['apache spark'], ['apache hadoop'], ['spark sql', 'spark streaming'], ['hadoop']];

const typedRun = (trigger: TriggerSpec, seed: number, turns = TURNS): RunConfig => ({
	source: { kind: 'socket', linesPerSecond: 2, wordsPerLine: 3, typed: turns },
	trigger,
	cost: { fixedOverheadMs: 300, perRowCostUs: 50, numPartitions: 1, cores: 4 },
	untilMs: 60_000,
	seed
});

/** The lines each batch read, as texts. */
const readBy = (trace: ReturnType<typeof traceOf>) =>
	trace.batches.map((b) =>
		b.rowIds ? trace.lines.slice(b.rowIds[0], b.rowIds[1] + 1).map((l) => l.text) : []
	);

describe('typedSocketLines: lines typed into nc, turn by turn', () => {
	//   epoch grid (1 s)   |1000     |2000     |3000
	//   start 640  ^ turn 0 (waiting in nc when the source connects)
	//   turn 1                  ·1500
	//   turn 2 (two lines, pasted)        ·2500
	it('processingTime 1 s, start 640: turn 0 at the start, turn i mid-interval i, a turn’s lines together', () => {
		const lines = typedSocketLines({
			turns: TURNS.slice(0, 3),
			fromMs: procTime(640),
			triggerIntervalMs: 1000,
			epochOffsetMs: 0
		});
		expect(lines.map((l) => [l.id, l.atMs, l.text])).toEqual([
			[0, 640, 'apache spark'],
			[1, 1500, 'apache hadoop'],
			[2, 2500, 'spark sql'],
			[3, 2500, 'spark streaming']
		]);
	});

	it('a sub-second interval spaces turns by whole intervals of at least a second; the default trigger by a second', () => {
		expect(typingGapMs(500)).toBe(1000);
		expect(typingGapMs(300)).toBe(1200);
		expect(typingGapMs(2000)).toBe(2000);
		expect(typingGapMs(0)).toBe(1000);
		const at = (interval: number) =>
			typedSocketLines({
				turns: [['a'], ['b'], ['c']],
				fromMs: procTime(100),
				triggerIntervalMs: interval,
				epochOffsetMs: 0
			}).map((l) => l.atMs);
		expect(at(500)).toEqual([100, 750, 1750]);
		expect(at(0)).toEqual([100, 1100, 2100]);
	});
});

describe('buildTrace over typed lines: batch i reads turn i, at any start and trigger', () => {
	const triggers: TriggerSpec[] = [
		{ kind: 'processingTime', intervalMs: 1000 },
		{ kind: 'processingTime', intervalMs: 500 },
		{ kind: 'processingTime', intervalMs: 7000 },
		// Shorter than a batch: every batch falls behind and the next starts at its commit.
		{ kind: 'processingTime', intervalMs: 100 },
		{ kind: 'default', intervalMs: 0 }
	];
	for (const trigger of triggers) {
		it(`${trigger.kind} ${trigger.intervalMs} ms, seeds 1–40`, () => {
			for (let seed = 1; seed <= 40; seed++) {
				const trace = traceOf(typedRun(trigger, seed), wordCount('complete'));
				expect(readBy(trace), `seed ${seed}`).toEqual(TURNS);
				expect(trace.batches[0]?.triggerAt).toBe(trace.queryStartMs);
			}
		});
	}

	it('the counts after each batch are the running word counts of the turns so far', () => {
		const trace = traceOf(
			typedRun({ kind: 'processingTime', intervalMs: 1000 }, 3),
			wordCount('complete')
		);
		const counts = trace.batches.map((b) =>
			Object.fromEntries(b.output.map((r) => [r.cells[0], Number(r.cells[1])]))
		);
		expect(counts[1]).toEqual({ apache: 2, spark: 1, hadoop: 1 });
		expect(counts[3]).toEqual({ apache: 2, spark: 3, hadoop: 2, sql: 1, streaming: 1 });
	});

	it('once: only batch 0 runs, over the turn typed before the start', () => {
		const trace = traceOf(typedRun({ kind: 'once', intervalMs: 0 }, 5), wordCount('complete'));
		expect(readBy(trace)).toEqual([['apache spark']]);
		expect(trace.terminatedAt).not.toBeNull();
	});

	it('typing stops: the run ends three typing gaps after the last line, with no batch after the last turn', () => {
		const trace = traceOf(
			typedRun({ kind: 'processingTime', intervalMs: 2000 }, 9),
			wordCount('update')
		);
		const last = trace.lines.at(-1)!.atMs;
		expect(trace.endMs).toBe(last + 3 * 2000);
		expect(trace.batches).toHaveLength(TURNS.length);
		// Idle ticks keep coming on the grid until the end (the source has nothing new).
		expect(trace.idleTriggers.at(-1)).toBeGreaterThan(trace.batches.at(-1)!.commitAt);
		for (const t of trace.idleTriggers) expect((t + EPOCH_OFFSET_MS) % 2000).toBe(0);
	});

	it('the same seed gives a byte-identical trace; a seed moves only the start and what follows it', () => {
		const run = (seed: number) =>
			traceOf(typedRun({ kind: 'processingTime', intervalMs: 1000 }, seed), wordCount('complete'));
		expect(JSON.stringify(run(8))).toBe(JSON.stringify(run(8)));
		expect(run(8).lines.map((l) => l.text)).toEqual(run(9).lines.map((l) => l.text));
	});

	it('without typed lines the generator still runs (an empty batch 0: the fresh socket has no line yet)', () => {
		const config = typedRun({ kind: 'processingTime', intervalMs: 1000 }, 4);
		const generated = traceOf(
			{ ...config, source: { kind: 'socket', linesPerSecond: 2, wordsPerLine: 3 } },
			wordCount('complete')
		);
		expect(generated.batches[0]?.numInputRows).toBe(0);
		expect(generated.lines.length).toBeGreaterThan(50);
	});
});
