// Controllers for tests: the page's one controller (src/lib/sim/controller.svelte.ts) on a
// question's simulation, with its kind and (basic-03) its companion program.
import type { SimQuestion } from '../../../simulations/kinds/kind';
import { dstreamKind, structuredCompanion } from '../../../simulations/kinds/dstream/kind';
import { dstreamEngine, structuredOverSocket } from '../../../simulations/kinds/dstream/engine';
import { eventTimeEngine } from '../../../simulations/kinds/event-time/engine';
import { microBatchEngine } from '../../../simulations/kinds/micro-batch/engine';
import type { DStreamScenario } from '../../../simulations/kinds/dstream/question';
import { eventTimeKind } from '../../../simulations/kinds/event-time/kind';
import { microBatchKind } from '../../../simulations/kinds/micro-batch/kind';
import type { MicroBatchRun } from '../../../simulations/kinds/micro-batch/run';
import type { MicroBatchFrame } from '../../../simulations/kinds/micro-batch/frames';
import type { MicroBatchScenario } from '../../../simulations/kinds/micro-batch/question';
import type { EtFrame, EtRun } from '../../../simulations/kinds/event-time/frames';
import type { EventTimeScenario } from '../../../simulations/kinds/event-time/question';
import type { DsFrame, DsRun } from '../../../simulations/kinds/dstream/frames';
import type { Trace } from '../../../simulations/microbatch/trace';
import { SimController } from '../../../src/lib/sim/controller.svelte';

export function controllerOf(
	question: MicroBatchScenario,
	seed?: number
): SimController<MicroBatchRun, MicroBatchFrame>;
export function controllerOf(
	question: EventTimeScenario,
	seed?: number
): SimController<EtRun, EtFrame>;
export function controllerOf(
	question: DStreamScenario,
	seed?: number
): SimController<DsRun, DsFrame>;
/* eslint-disable @typescript-eslint/no-explicit-any -- the overloads above give each kind its run */
export function controllerOf(question: SimQuestion, seed = 1): SimController<any, any> {
	const [kind, engine] =
		question.kind === 'event-time'
			? [eventTimeKind, eventTimeEngine]
			: question.kind === 'dstream'
				? [dstreamKind, dstreamEngine]
				: [microBatchKind, microBatchEngine];
	const companion =
		question.kind === 'dstream'
			? structuredCompanion(question as DStreamScenario, 'structured')
			: undefined;
	// The engines loaded up front, as in node and prerendering: every run is synchronous.
	const c = new SimController<any, any>({
		question,
		kind: kind as never,
		engine: engine as never,
		...(companion
			? {
					companion,
					companionEngine: structuredOverSocket(question as DStreamScenario) as never
				}
			: {})
	});
	if (seed !== 1) {
		c.program.reseed(seed);
		c.companion?.reseed(seed);
	}
	return c;
}

/** The micro-batch trace a controller shows (fails on a continuous run). */
export function traceOf(c: SimController<MicroBatchRun, MicroBatchFrame>): Trace {
	const run = c.run as MicroBatchRun;
	if (run.kind !== 'microBatch') throw new Error('not a micro-batch run');
	return run.trace;
}

export type MbController = SimController<MicroBatchRun, MicroBatchFrame>;
export type EtController = SimController<EtRun, EtFrame>;
export type DsController = SimController<DsRun, DsFrame>;
