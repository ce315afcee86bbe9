// SIM-1's presets that reproduce one of Spark's tests, checked against the test's conformance
// scenario (tests/conformance/spark) as conformance-presets.test.ts checks the event-time pages':
// (a) the lines the preset types into the socket are the scenario's addData rows, one turn per
// micro-batch; (b) the page's program at the preset's parameters, run through the page's own path
// (its session and controller: the preset picked, then "step one batch"), gives after each check
// step what the test checks: in complete mode the whole result table, as a multiset.
import { describe, expect, it } from 'vitest';
import type { StructuredScenario } from '../../../simulations/conformance/types';
import { lastCommitted } from '../../../simulations/microbatch/cursor';
import type { Trace } from '../../../simulations/microbatch/trace';
import { MICRO_BATCH_SCENARIOS } from '../../../simulations/kinds/micro-batch/questions';
import {
	type MicroBatchPreset,
	type MicroBatchScenario
} from '../../../simulations/kinds/micro-batch/question';
import {
	socketReplay,
	typedTurns,
	type SocketReplay
} from '../../../simulations/kinds/micro-batch/replays';
import { clampParams, defaultParams, type Params } from '../../../simulations/core/params';
import { controllerOf, type MbController as Controller } from '../sim/controllers';

import { tablesAt } from '../../../src/lib/views/micro-batch-tables/layout';
import { batchesOf, canonical, loadScenario } from './replay-steps';

/** Seeds move the query's start within its first second, and so every line's place on the grid. */
const SEEDS = [1, 2, 3, 17, 4242, 2147483646];

const reproducing = Object.values(MICRO_BATCH_SCENARIOS).flatMap((s) =>
	s.presets.filter((p) => p.reproduces).map((p) => ({ s, p }))
);

/** The page with the preset picked; `over` moves controls after (the replay keeps its lines). */
function pageAfterPick(
	s: MicroBatchScenario,
	preset: MicroBatchPreset,
	seed: number,
	over: Params = {}
) {
	const c = controllerOf(s, seed);
	c.pick(preset);
	for (const [id, v] of Object.entries(over)) c.set(id, v);
	if (Object.keys(over).length > 0) c.playback.restart();
	return c;
}

const microBatchTrace = (c: Controller): Trace => {
	if (c.run!.kind !== 'microBatch') throw new Error('expected a micro-batch run');
	return c.run!.trace;
};

/**
 * Walks the scenario's steps on the page: each check step is one "step one batch" (the batch that
 * reads the lines added since the last), after which the sink's rows are compared with the test's,
 * StreamTest-style (complete: that batch's whole table; otherwise all rows received so far).
 */
function replayOnPage(c: Controller, replay: SocketReplay, scenario: StructuredScenario) {
	const turns = typedTurns(replay);
	let next = 0;
	let pending = false;
	let all: string[][] = [];
	let sinceCheck: string[][] = [];
	const process = () => {
		if (!pending) return;
		pending = false;
		c.playback.step();
		const trace = microBatchTrace(c);
		const b = lastCommitted(trace, c.playback.now);
		const where = `test batch ${next}`;
		expect(b?.batchId, where).toBe(next);
		expect(b?.numInputRows, `${where}: its lines, and only those`).toBe(turns[next]?.length);
		expect(b?.numOutputRows, `${where}: the console shows every row`).toBe(b?.output.length);
		const rows = (b?.output ?? []).map((r) => [...r.cells]);
		// The page's result table marks as sent exactly what the sink received.
		const table = tablesAt(trace, c.playback.now);
		expect(canonical(table.result.filter((r) => r.emitted).map((r) => r.cells)), where).toEqual(
			canonical(rows)
		);
		if (trace.query.outputMode === 'complete') all = rows;
		else all.push(...rows);
		sinceCheck.push(...rows);
		next++;
	};
	const text = (rows: readonly (readonly unknown[])[]) => rows.map((r) => r.map(String));
	scenario.steps.forEach((step, i) => {
		const where = `step ${i + 1} ${JSON.stringify(step)}`;
		if ('addData' in step) pending = true;
		else if ('checkAnswer' in step) {
			process();
			expect(canonical(all), where).toEqual(canonical(text(step.checkAnswer)));
			sinceCheck = [];
		} else if ('checkNewAnswer' in step) {
			process();
			const got = microBatchTrace(c).query.outputMode === 'complete' ? all : sinceCheck;
			expect(canonical(got), where).toEqual(canonical(text(step.checkNewAnswer)));
			sinceCheck = [];
		} else if ('processAllAvailable' in step) process();
		else throw new Error(`${where}: a step the page cannot replay`);
	});
	expect(next, 'every test batch was checked').toBe(replay.batches.length);
	// Typing stopped: no batch follows the test's last one.
	expect(microBatchTrace(c).batches).toHaveLength(replay.batches.length);
}

describe('SIM-1 presets that reproduce a Spark test', () => {
	it('exist on basic-02, the page whose socket word count is the guide’s', () => {
		expect(reproducing.map(({ s, p }) => `${s.slug} ${p.id}`)).toEqual([
			'basic-02-pyspark-streaming-support guide-quick-example'
		]);
	});

	for (const { s, p } of reproducing) {
		const ref = p.reproduces!;
		describe(`${s.slug} “${p.label}” reproduces ${ref.test}`, () => {
			const scenario = loadScenario(ref.origin);
			const replay = socketReplay(p.script);

			it('names the scenario its script replays, and the scenario’s origin names the example', () => {
				expect(replay?.origin).toBe(ref.origin);
				expect(scenario.api).toBe('structured');
				const m = /^(.+), (".+")$/.exec(ref.test);
				expect(m, ref.test).not.toBeNull();
				expect(scenario.origin).toContain(m![2]);
			});

			it('its typed lines are the scenario’s addData rows, one turn per micro-batch', () => {
				expect(replay!.batches).toEqual(batchesOf(scenario.steps));
				expect(Object.keys(scenario.inputs)).toEqual([replay!.input]);
				expect(typedTurns(replay!)).toEqual(
					batchesOf(scenario.steps).map((b) => b[replay!.input]!.map((r) => r[0]))
				);
			});

			it('passes clampParams unchanged, and its program runs the scenario’s output mode', () => {
				expect(clampParams(s.schema, { ...defaultParams(s.schema), ...p.params }).notices).toEqual(
					[]
				);
				const mode = /outputMode\("(\w+)"\)/.exec(scenario.code)?.[1];
				expect(mode).toBeDefined();
				for (const seed of SEEDS)
					expect(microBatchTrace(pageAfterPick(s, p, seed)).query.outputMode).toBe(mode);
			});

			for (const seed of SEEDS) {
				it(`seed ${seed}: the page’s program, stepped batch by batch, gives every checked answer`, () => {
					const c = pageAfterPick(s, p, seed);
					expect(c.playback.now, 'a picked replay starts at the beginning').toBe(0);
					replayOnPage(c, replay!, scenario);
				});
			}

			// Moving the trigger keeps the replay: each turn still gets a batch of its own.
			for (const triggerInterval of [0.5, 1.5, 2, 10]) {
				it(`trigger interval ${triggerInterval} s: still one batch per turn, the same answers`, () => {
					for (const seed of SEEDS)
						replayOnPage(pageAfterPick(s, p, seed, { triggerInterval }), replay!, scenario);
				});
			}
		});
	}
});
