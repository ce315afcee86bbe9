// Scenario inputs can come from the analyzed program: the engine's own run gives, batch for
// batch, what the scenarios' second watermark loop (kinds/event-time/watermark-plan.ts
// planBatches) recomputes to place scripted rows. This pins that the swap is exact on every
// preset of the two scenarios that use it, so planBatches can be deleted.
import { describe, expect, it } from 'vitest';
import { runEventTimeProgram } from '../../../simulations/kinds/event-time/run';
import { EPOCH_OFFSET_MS } from '../../../simulations/kinds/event-time/question';
import { eventTimeScenario } from '../../../simulations/kinds/event-time/questions';
import { planBatches } from '../../../simulations/kinds/event-time/watermark-plan';
import { defaultParams, numberParam, choiceParam } from '../../../simulations/core/params';
import type { WatermarkPolicy } from '../../../simulations/structured/operators/watermark';

const CASES: Record<
	string,
	(p: Record<string, unknown>) => { delays: number[]; policy: WatermarkPolicy }
> = {
	'basic-08-late-data': (p) => ({
		delays: [numberParam(p as never, 'watermarkDelay') * 1000],
		policy: 'min'
	}),
	'advanced-02-event-time-watermarks': (p) => ({
		delays: [
			numberParam(p as never, 'watermarkDelayEu') * 1000,
			numberParam(p as never, 'watermarkDelayUs') * 1000
		],
		policy: choiceParam(p as never, 'watermarkPolicy') as WatermarkPolicy
	})
};

describe('the engine run gives the batches planBatches plans', () => {
	for (const [slug, of] of Object.entries(CASES)) {
		const s = eventTimeScenario(slug);
		if (!s) throw new Error(`${slug} missing`);
		const paramSets = [
			defaultParams(s.schema),
			...s.presets.map((pr) => ({ ...defaultParams(s.schema), ...(pr.params ?? {}) }))
		];
		for (const [i, raw] of paramSets.entries())
			for (const seed of [1, 2])
				it(`${slug} params #${i} seed ${seed}`, () => {
					const p = s.constrain(raw).params;
					const input = s.input(p, seed);
					const { delays, policy } = of(p);
					const planned = planBatches(
						input.streams.map((st, k) => ({ events: st.events, delayMs: delays[k] ?? 0 })),
						policy,
						input.triggerIntervalMs,
						input.runLengthMs
					);
					const r = runEventTimeProgram(s.program(p), {
						input,
						kafkaValue: (e) => s.kafkaValue(e)
					});
					if (!r.ok) throw new Error(r.error.message);
					// The frames show "no watermark yet" (epoch 0) as -Infinity; planBatches as virtual -epoch.
					const wm = (ms: number) => (ms === -Infinity ? -EPOCH_OFFSET_MS : ms);
					const engine = r.value.batches.map((b, k, all) => ({
						batchId: b.batchId,
						triggerAtMs: b.startMs,
						noData: b.noData,
						watermarkMs: wm(b.watermarkMs),
						lateWatermarkMs: wm(k === 0 ? -Infinity : (all[k - 1]?.watermarkMs ?? -Infinity))
					}));
					expect(engine).toEqual(planned);
				});
	}
});
