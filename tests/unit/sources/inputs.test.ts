/**
 * Scenario inputs as the loop will hold them: one handle per input for the query's life, a fresh
 * source per (re)start. Replays the conformance scenarios' inputs and restarts at the source level.
 */
import { describe, expect, it } from 'vitest';
import { getBatch, type StreamingSource } from '../../../simulations/sources/contract';
import {
	FilesInput,
	inputHandle,
	KafkaInput,
	RateInput,
	RatePerMicroBatchInput
} from '../../../simulations/sources/inputs';
import { runToCompletion } from '../../../simulations/sources/trigger-plan';
import { ManualClock, OneSourceRun, values } from './drive';

const started = (
	r: { ok: true; source: StreamingSource<unknown> } | { ok: false; error: string }
) => {
	if (!r.ok) throw new Error(r.error);
	return r.source;
};

describe('scenario inputs across restarts', () => {
	it('kafka-earliest-new-partitions: earliest, restart resumes, stopped input waits, added partitions from their start', () => {
		const env = { clock: new ManualClock(), defaultParallelism: 2 };
		const input = new KafkaInput(
			{ 'topic-0': 5 },
			{ subscribe: 'topic-0', startingOffsets: 'earliest', failOnDataLoss: 'true' },
			env
		);
		input.addData([{ topic: 'topic-0', values: ['1', '2', '3'] }]);
		let run = new OneSourceRun(started(input.start()));
		input.addData([{ topic: 'topic-0', values: ['4', '5', '6'] }]);
		const all: unknown[] = run.drain().flatMap((b) => values(b.rows));
		// restart: nothing new
		run = new OneSourceRun(started(input.start()), run.committed);
		expect(run.drain()).toEqual([]);
		// stopped: 7, 8 wait for the next start
		input.addData([{ topic: 'topic-0', values: ['7', '8'] }]);
		run = new OneSourceRun(started(input.start()), run.committed);
		all.push(...run.drain().flatMap((b) => values(b.rows)));
		input.addPartitions('topic-0', 10);
		input.addData([{ topic: 'topic-0', values: ['9', '10', '11', '12', '13', '14', '15', '16'] }]);
		all.push(...run.drain().flatMap((b) => values(b.rows)));
		expect(all.map(Number).sort((a, b) => a - b)).toEqual(
			Array.from({ length: 16 }, (_, i) => i + 1)
		);
	});

	it('files-available-now-after-once: once takes 1,2,3 as log entry 0; availableNow then one file per batch', () => {
		const env = { clock: new ManualClock(), defaultParallelism: 2 };
		const input = new FilesInput('src', { maxFilesPerTrigger: '1' }, env);
		for (const v of ['1', '2', '3']) input.addData([[v]]);
		const once = runToCompletion([started(input.start())], 'once', [null]);
		expect(once.batches).toHaveLength(1);
		for (const v of ['4', '5']) input.addData([[v]]);
		const an1Source = started(input.start());
		const an1 = runToCompletion([an1Source], 'availableNow', once.committed);
		expect(an1.batches.map((b) => values(getBatch(an1Source, b.starts[0], b.ends[0])))).toEqual([
			['4'],
			['5']
		]);
		for (const v of ['6', '7']) input.addData([[v]]);
		const an2Source = started(input.start());
		const an2 = runToCompletion([an2Source], 'availableNow', an1.committed);
		expect(an2.batches.map((b) => values(getBatch(an2Source, b.starts[0], b.ends[0])))).toEqual([
			['6'],
			['7']
		]);
		// Batch ids 0..4 in total, as the scenario's assertBatchIds says.
		expect(once.batches.length + an1.batches.length + an2.batches.length).toBe(5);
	});

	it('rate-micro-batch-trigger-once: one batch per trigger across three runs', () => {
		const input = new RatePerMicroBatchInput(
			{ rowsPerBatch: '10' },
			{ clock: new ManualClock(), defaultParallelism: 2 }
		);
		const run = new OneSourceRun(started(input.start()));
		expect(
			run
				.trigger()
				?.rows.map((r) => r.value)
				.sort((a, b) => Number(a) - Number(b))
		).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const once = runToCompletion([started(input.start())], 'once', [run.committed]);
		const third = new OneSourceRun(started(input.start()), once.committed[0]);
		expect(
			third
				.trigger()
				?.rows.map((r) => Number(r.value))
				.sort((a, b) => a - b)
		).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
	});

	it('rate: second 0 is the clock at the FIRST start, kept across restarts', () => {
		const clock = new ManualClock(1000);
		const input = new RateInput(
			{ rowsPerSecond: '2', numPartitions: '1' },
			{ clock, defaultParallelism: 2 }
		);
		const first = new OneSourceRun(started(input.start()));
		// No whole second yet: offset 0, but a fresh query's batch 0 runs anyway, empty.
		expect(first.trigger()?.rows).toEqual([]);
		expect(first.trigger()).toBeNull();
		clock.advance(2500); // 3500: 2 whole seconds since 1000
		expect(values(first.trigger()?.rows ?? [])).toEqual([0, 1, 2, 3]);
		clock.advance(1000); // 4500: a restart does not move second 0
		const second = new OneSourceRun(started(input.start()), first.committed);
		expect(values(second.trigger()?.rows ?? [])).toEqual([4, 5]);
	});

	it('bad options and unsupported kinds are messages, not crashes', () => {
		const env = { clock: new ManualClock(), defaultParallelism: 2 };
		const k = new KafkaInput(
			{ t: 1 },
			{ subscribe: 't', maxOffsetsPerTrigger: 'ten' },
			env
		).start();
		expect(k.ok ? '' : k.error).toBe('For input string: "ten"');
		const f = inputHandle('src', { kind: 'files', format: 'parquet' }, env);
		expect(f.ok ? '' : f.error).toBe(
			"The files input 'src' uses format 'parquet'; supported: text"
		);
		// RateStreamProvider.getTable: timeStringAsSec, then the sign check, with Spark's texts.
		const r = new RateInput({ rampUpTime: '-2s' }, env).start();
		expect(r.ok ? '' : r.error).toBe(
			"Invalid value '-2'. The option 'rampUpTime' must not be negative"
		);
		const u = new RateInput({ rampUpTime: '4x' }, env).start();
		expect(u.ok ? '' : u.error).toMatch(/Invalid suffix: "x"$/);
		expect(new RateInput({ rampUpTime: '4s' }, env).start().ok).toBe(true);
	});
});
