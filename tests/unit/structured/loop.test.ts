// The one micro-batch loop with its policies injected: a fake engine whose batches are due at
// chosen instants, a cost policy, and the trigger policy's timing (R1.4.2).
import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
	MicroBatchLoop,
	loop$,
	type LoopEvent
} from '../../../simulations/structured/runtime/loop';
import type { TriggerSpec } from '../../../simulations/structured/runtime/trigger-policy';
import { prepareQuery, simulate } from '../../../simulations/structured/index';

/** Runs the loop over an engine that has a batch whenever `hasData(now)`, each costing
 *  `costMs(batch)`; returns what happened when. */
function run(
	trigger: TriggerSpec,
	hasData: (now: number) => boolean,
	costMs: (n: number) => number,
	untilMs = 10_000,
	stopAfter?: number
) {
	let n = 0;
	let stopped = false;
	const loop = new MicroBatchLoop<number>(
		{
			runTrigger: (now) => {
				if (!hasData(now)) return null;
				if (stopAfter !== undefined && n >= stopAfter) stopped = true;
				return n++;
			},
			stopped: () => stopped
		},
		{ trigger, epochOffsetMs: 0, untilMs, cost: { batchMs: costMs, idleMs: 5 } },
		0
	);
	const scheduler = new VirtualTimeScheduler(undefined, Infinity);
	const out: string[] = [];
	loop$(loop, scheduler).subscribe((e: LoopEvent<number>) => {
		if (e.kind === 'trigger') out.push(e.batch === null ? `idle@${e.at}` : `b${e.batch}@${e.at}`);
		else if (e.kind === 'commit') out.push(`c${e.batch}@${e.at}${e.fallingBehind ? '!' : ''}`);
		else out.push(`${e.kind}@${e.at}`);
	});
	scheduler.flush();
	return out;
}

const every = (ms: number): TriggerSpec => ({ kind: 'processingTime', intervalMs: ms });

describe('MicroBatchLoop', () => {
	it('runs a batch on the interval grid, commits after its cost, and skips missed ticks after an overrun', () => {
		const costs = [300, 2500, 100];
		// 0: batch 0 (300 ms); 1000: batch 1 overruns to 3500 (falling behind): the 2000 and 3000
		// ticks are skipped and batch 2 starts at once; the 4000 tick is past untilMs.
		expect(
			run(
				every(1000),
				(now) => now < 4000,
				(b) => costs[b] ?? 100,
				3500
			)
		).toEqual(['b0@0', 'c0@300', 'b1@1000', 'c1@3500!', 'log@3500', 'b2@3500', 'c2@3600']);
	});

	it('constructs no batch when there is no data, and polls again by the trigger policy', () => {
		expect(
			run(
				{ kind: 'default', intervalMs: 0 },
				(now) => now === 0,
				() => 50,
				80
			)
		).toEqual(['b0@0', 'c0@50', 'idle@50', 'idle@65', 'idle@80']);
	});

	it('terminates a once trigger after its one batch, an availableNow trigger at its first idle attempt', () => {
		expect(
			run(
				{ kind: 'once', intervalMs: 0 },
				() => true,
				() => 10
			)
		).toEqual(['b0@0', 'c0@10', 'terminated@10']);
		expect(
			run(
				{ kind: 'availableNow', intervalMs: 0 },
				(now) => now < 20,
				() => 10
			)
		).toEqual(['b0@0', 'c0@10', 'b1@10', 'c1@20', 'idle@20', 'log@20', 'terminated@20']);
	});

	it('stops when the engine stops (a crash before commit)', () => {
		expect(
			run(
				every(100),
				() => true,
				() => 10,
				10_000,
				1
			)
		).toEqual(['b0@0', 'c0@10', 'b1@100', 'c1@110', 'terminated@110']);
	});
});

describe('runMicroBatches with a failure policy', () => {
	it('batch 1 crashes before its commit: its sink output stands, commits/1 is never written, the query stops', () => {
		const q = prepareQuery(
			'result = events.select("key")\nquery = result.writeStream.format("memory").queryName("out").start()\n',
			{ events: [{ name: 'key', type: { kind: 'string' } }] }
		);
		if (!q.ok) throw new Error(q.error.message);
		const arrivals = [0, 1000, 2000].map((atMs, i) => ({
			atMs,
			source: 'events',
			rows: [[`k${i}`]]
		}));
		const trace = simulate(q.value, arrivals, {
			triggerIntervalMs: 1000,
			untilMs: 5000,
			crashBeforeCommit: (id) => id === 1
		});
		const kinds = trace.events.map(
			(e) =>
				`${e.event.type}${'batchId' in e.event ? e.event.batchId : 'entry' in e.event ? e.event.entry.batchId : ''}@${e.atMs}`
		);
		expect(kinds.filter((k) => k.startsWith('commitLogWritten'))).toEqual(['commitLogWritten0@0']);
		expect(kinds.filter((k) => k.startsWith('rowsEmitted'))).toEqual([
			'rowsEmitted0@0',
			'rowsEmitted1@1000'
		]);
		expect(trace.events.at(-1)?.atMs).toBe(1000);
	});
});
