import { TestScheduler } from 'rxjs/testing';
import { filter, map } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { procTime } from '../../../simulations/core/time';
import type { ExecContext } from '../../../simulations/microbatch/executor';
import { rateSource } from '../../../simulations/microbatch/rate-source';
import { microBatchRun$ } from '../../../simulations/microbatch/run';
import type { RunConfig } from '../../../simulations/microbatch/trace';
import { passThrough } from './queries';
import {
	fallingBehindMessage,
	nextBatchTime,
	nextTriggerAt,
	type TriggerSpec
} from '../../../simulations/structured/runtime/trigger-policy';

const every = (ms: number): TriggerSpec => ({ kind: 'processingTime', intervalMs: ms });

describe('nextBatchTime (ProcessingTimeExecutor)', () => {
	it('nextBatchTime(3500, 10000) is the next multiple of the interval: 10000', () => {
		expect(nextBatchTime(3500, 10000)).toBe(10000);
	});
	it('nextBatchTime(10000, 10000) is the following tick, not the current one', () => {
		expect(nextBatchTime(10000, 10000)).toBe(20000);
	});
	it('nextBatchTime(now, 0) is now (the default trigger)', () => {
		expect(nextBatchTime(1234, 0)).toBe(1234);
	});
});

describe('nextTriggerAt', () => {
	it('reproduces SPARK-SEMANTICS R1.4.2: starts 3500, 10000, 23000, 30000', () => {
		const t = every(10000);
		const starts = [3500];
		for (const took of [4000, 13000, 2000]) {
			const s = starts.at(-1)!;
			starts.push(nextTriggerAt(t, s, s + took, true, 0));
		}
		expect(starts).toEqual([3500, 10000, 23000, 30000]);
	});
	it('aligns to the epoch clock, not to virtual zero', () => {
		// Virtual 0 is epoch 1500: the grid of a 1 s interval falls at virtual 500, 1500, …
		expect(nextTriggerAt(every(1000), 0, 100, true, 1500)).toBe(500);
	});
	it('the default trigger polls again 10 ms after an idle attempt, at once after a batch', () => {
		const d: TriggerSpec = { kind: 'default', intervalMs: 0 };
		expect(nextTriggerAt(d, 100, 115, false, 0)).toBe(125);
		expect(nextTriggerAt(d, 100, 400, true, 0)).toBe(400);
	});
	it('keeps Spark’s log line verbatim, stray brace included', () => {
		expect(fallingBehindMessage(2000, 2100)).toBe(
			'Current batch is falling behind. The trigger interval is 2000} milliseconds, but spent 2100 milliseconds'
		);
	});
});

/** A run whose rate source starts at virtual 0 on an epoch-aligned clock. */
function ctx(trigger: TriggerSpec, fixedOverheadMs: number, untilMs: number): ExecContext {
	const config: RunConfig = {
		source: { kind: 'rate', rowsPerSecond: 10, numPartitions: 1 },
		trigger,
		cost: { fixedOverheadMs, perRowCostUs: 0, numPartitions: 1, cores: 1 },
		untilMs,
		seed: 1
	};
	const source = rateSource({ rowsPerSecond: 10, numPartitions: 1, creationMs: procTime(0) });
	const query = passThrough('rate');
	return {
		config,
		source,
		query: query.start(source, { availableNow: trigger.kind === 'availableNow' }),
		info: query.info,
		epochOffsetMs: 0,
		ids: { id: 'q', runId: 'r' }
	};
}

function triggers(c: ExecContext, scheduler: TestScheduler) {
	return microBatchRun$(c, procTime(0), scheduler).pipe(
		filter((e) => e.kind === 'trigger'),
		map((e) => (e.kind === 'trigger' && e.batchId !== null ? String(e.batchId) : 'i'))
	);
}

describe('microBatchRun$ trigger timing (virtual time)', () => {
	it('processingTime 2 s, batches of 300 ms: one batch per tick', () => {
		const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
		scheduler.run(({ expectObservable }) => {
			// ticks:        0          2000        4000        6000 (> until: stop)
			const expected = '0 1999ms 1 1999ms 2 1999ms |';
			expectObservable(triggers(ctx(every(2000), 300, 5000), scheduler)).toBe(expected);
		});
	});

	it('processingTime 2 s, batches of 2.5 s: each next batch starts at once, none skipped', () => {
		const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
		scheduler.run(({ expectObservable }) => {
			// batches:      [0 ---- 2500)[2500 ---- 5000)[5000 ---- 7500)[7500 ---- 10000) then stop
			const expected = '0 2499ms 1 2499ms 2 2499ms 3 2499ms |';
			expectObservable(triggers(ctx(every(2000), 2500, 8000), scheduler)).toBe(expected);
		});
	});

	it('processingTime 250 ms on the rate source: idle ticks until a whole second has passed', () => {
		const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
		scheduler.run(({ expectObservable }) => {
			// 0: batch 0 (fresh source, 0 rows); 250, 500, 750: no new second → no batch; 1000: batch 1
			const expected = '0 249ms i 249ms i 249ms i 249ms 1 249ms i 249ms |';
			expectObservable(triggers(ctx(every(250), 100, 1300), scheduler)).toBe(expected);
		});
	});
});
