// Every preset that says it reproduces one of Spark's tests is checked against that test's
// conformance scenario (tests/conformance/spark): (a) its batches are the scenario's addData rows,
// (b) the page's program at the preset's parameters, run over the preset's input through the
// page's own path (runEventTimeProgram), gives each check step's rows, state rows, dropped rows
// and watermark, StreamTest-style: each check step processes everything added since the last.
import { describe, expect, it } from 'vitest';
import type { StructuredScenario } from '../../../simulations/conformance/types';
import type { EtBatch, EtRun } from '../../../simulations/kinds/event-time/frames';
import { runEventTimeProgram } from '../../../simulations/kinds/event-time/run';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import type { SparkReplay } from '../../../simulations/kinds/event-time/spark-replay';
import { sparkReplay } from '../../../simulations/kinds/event-time/spark-replays';
import type {
	EventTimePreset,
	EventTimeScenario
} from '../../../simulations/kinds/event-time/question';
import { batchesOf, canonical, loadScenario as load } from './replay-steps';
import { engineBatches } from '../../../simulations/kinds/event-time/engine-batches';

/** The run's batches per test batch: its data batch and the no-data batches after it. */
function groupByReplayBatch(run: EtRun): EtBatch[][] {
	const groups: EtBatch[][] = [];
	for (const b of run.batches) {
		if (!b.noData && b.numInputRows > 0) groups.push([b]);
		else groups.at(-1)?.push(b);
	}
	return groups;
}

/** Per stateful operator, source to sink (progress lists them sink first). */
const perOperator = (b: EtBatch | null, pick: 'numRowsTotal' | 'numRowsDroppedByWatermark') =>
	[...(b?.progress?.stateOperators ?? [])].reverse().map((s) => s[pick]);

function replayChecks(
	s: EventTimeScenario,
	preset: EventTimePreset,
	replay: SparkReplay,
	scenario: StructuredScenario
) {
	const params = s.constrain(preset.params).params;
	const input = s.input(params, 1, preset.script, engineBatches);
	const result = runEventTimeProgram(s.program(params), {
		input,
		kafkaValue: (e) => s.kafkaValue(e)
	});
	if (!result.ok) throw new Error(`the page's program failed: ${result.error.message}`);
	const run = result.value;
	const groups = groupByReplayBatch(run);
	// Each test batch was one micro-batch of exactly its rows (none split, none merged).
	const recordsPer = replay.batches.map((b) =>
		replay.streams.reduce(
			(n, st) => n + (b[st.input] ?? []).flatMap((r) => replay.records(st.input, r)).length,
			0
		)
	);
	expect(
		groups.map((g) => g[0]!.numInputRows),
		'rows per data batch'
	).toEqual(recordsPer);

	const toTestRow = (row: readonly unknown[]) => {
		if (!replay.sinkRow) throw new Error('the test checks rows but the replay maps none');
		return replay.sinkRow(Object.fromEntries(run.outputColumns.map((c, i) => [c, row[i]])));
	};
	let next = 0;
	let lastRan: EtBatch | null = null;
	let lastWithInput: EtBatch | null = null;
	// The page's sink rows, read as the test's rows only when a step compares them.
	let all: (readonly unknown[])[] = [];
	let sinceCheck: (readonly unknown[])[] = [];
	let completeSinceCheck: (readonly unknown[])[] = [];
	let pending = false;
	const process = () => {
		if (!pending) return;
		pending = false;
		for (const b of groups[next++] ?? []) {
			const rows = [...b.output];
			lastRan = b;
			if (b.numInputRows > 0) lastWithInput = b;
			if (run.outputMode === 'complete') {
				all = rows;
				completeSinceCheck = rows;
			} else {
				all.push(...rows);
				sinceCheck.push(...rows);
			}
		}
	};
	const steps = scenario.steps.slice(0, replay.stepCount ?? scenario.steps.length);
	steps.forEach((step, i) => {
		const where = `step ${i + 1} ${JSON.stringify(step)}`;
		const same = (
			expected: readonly (readonly unknown[])[],
			actual: readonly (readonly unknown[])[]
		) => expect(canonical(actual.map(toTestRow)), where).toEqual(canonical(expected));
		if ('addData' in step) pending = true;
		else if ('checkNewAnswer' in step) {
			process();
			same(step.checkNewAnswer, run.outputMode === 'complete' ? completeSinceCheck : sinceCheck);
			sinceCheck = [];
			completeSinceCheck = [];
		} else if ('checkAnswer' in step) {
			process();
			same(step.checkAnswer, all);
			sinceCheck = [];
			completeSinceCheck = [];
		} else if ('processAllAvailable' in step) process();
		else if ('assertNumStateRows' in step) {
			const want = step.assertNumStateRows;
			if (typeof want === 'number')
				expect((lastRan as EtBatch | null)?.numStateRows, where).toBe(want);
			else expect(perOperator(lastRan, 'numRowsTotal'), where).toEqual(want);
		} else if ('assertNumRowsDroppedByWatermark' in step) {
			const want = step.assertNumRowsDroppedByWatermark;
			const b = lastWithInput as EtBatch | null;
			if (typeof want === 'number') expect(b?.numRowsDroppedByWatermark, where).toBe(want);
			else expect(perOperator(b, 'numRowsDroppedByWatermark'), where).toEqual(want);
		} else if ('assertWatermark' in step) {
			process();
			// The page's watermark is in virtual ms, −∞ before any; the test's is in seconds, 0 before any.
			const wm = (lastWithInput as EtBatch | null)?.watermarkMs ?? Number.NEGATIVE_INFINITY;
			expect(Number.isFinite(wm) ? wm / 1000 : 0, where).toBe(step.assertWatermark);
		} else throw new Error(`${where}: a step the page cannot replay`);
	});
	expect(next, 'every test batch was checked').toBe(replay.batches.length);
}

const reproducing = Object.values(EVENT_TIME_SCENARIOS).flatMap((s) =>
	s.presets.filter((p) => p.reproduces).map((p) => ({ s, p }))
);

describe('presets that reproduce a Spark test', () => {
	it('exist on the pages whose program can express one', () => {
		const slugs = new Set(reproducing.map(({ s }) => s.slug));
		expect([...slugs].sort()).toEqual([
			'advanced-02-event-time-watermarks',
			'basic-05-windows',
			'basic-08-late-data'
		]);
	});

	for (const { s, p } of reproducing) {
		const ref = p.reproduces!;
		describe(`${s.slug} “${p.label}” reproduces ${ref.test}`, () => {
			const scenario = load(ref.origin);
			const replay = sparkReplay(p.script);

			it('names the scenario its script replays, and the scenario’s origin names the test', () => {
				expect(replay?.origin).toBe(ref.origin);
				const m = /^(\w+) (".+")$/.exec(ref.test);
				expect(m, ref.test).not.toBeNull();
				expect(scenario.origin).toContain(`${m![1]}.scala`);
				expect(scenario.origin).toContain(`test ${m![2]}`);
			});

			it('its batches are the scenario’s addData rows, one micro-batch per check step', () => {
				const steps = scenario.steps.slice(0, replay!.stepCount ?? scenario.steps.length);
				expect(replay!.batches).toEqual(batchesOf(steps));
				// Only a restart may end the replay early.
				if (replay!.stepCount !== undefined)
					expect(scenario.steps[replay!.stepCount]).toEqual({ restart: true });
			});

			it('passes constrain unchanged', () => {
				expect(s.constrain(p.params).notices).toEqual([]);
			});

			it('the page’s program at these parameters gives every checked answer', () => {
				replayChecks(s, p, replay!, scenario);
			});
		});
	}
});

describe('basic-05 session replay: the rows the session operator drops are drawn as dropped', () => {
	it('one crossed-out row per row counted in numRowsDroppedByWatermark (session windows count rows)', () => {
		const s = EVENT_TIME_SCENARIOS['basic-05-windows']!;
		const preset = s.presets.find((p) => p.id === 'spark-sessions')!;
		const params = s.constrain(preset.params).params;
		const result = runEventTimeProgram(s.program(params), {
			input: s.input(params, 1, preset.script, engineBatches),
			kafkaValue: (e) => s.kafkaValue(e)
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const counted = result.value.batches.reduce((n, b) => n + b.numRowsDroppedByWatermark, 0);
		const drawn = result.value.events.filter((e) => e.dropped);
		expect(counted).toBeGreaterThan(0);
		expect(drawn.length).toBe(counted);
		expect(drawn.every((e) => e.windows.length === 0)).toBe(true);
	});
});
