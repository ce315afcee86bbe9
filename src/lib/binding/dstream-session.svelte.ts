/**
 * The binding of a DStream page (SIM-2): its DStream program run by the DStream engine over the
 * page's simulated socket lines, and beside it (basic-03) the page's Structured Streaming program
 * run by the Structured Streaming engine over the same lines. Both texts are sources of truth;
 * both re-run when edited, and either one's error becomes a marker in its own editor tab (the
 * DStream one in `scenario.programId`'s tab).
 */
import type { DsRun } from '$sim/frames/dstream';
import { runDStreamProgram } from '$sim/frames/from-dstream';
import { runStructuredOverSocket, type SsRun } from '$sim/frames/structured-socket';
import { linesBetween, type DStreamScenario } from '$sim/scenarios/dstreams/index';
import { defaultParams } from '$sim/scenarios/types';
import { BoundProgram } from './bound-program.svelte';

export function dstreamSession(scenario: DStreamScenario, seed = 1): BoundProgram<DsRun> {
	const params = scenario.constrain(defaultParams(scenario.schema)).params;
	return new BoundProgram<DsRun>({
		initialCode: scenario.program(params),
		template: scenario.template,
		initialParams: params,
		seed,
		structural: scenario.structural,
		run: (code, p, s) => {
			const lines = scenario.lines(p, s);
			return runDStreamProgram(code, {
				durationMs: scenario.runMs,
				startEpochMs: scenario.startEpochMs,
				sources: [{ arrivals: (from, to) => linesBetween(lines, from, to) }],
				cost: scenario.cost,
				seed: s
			});
		},
		rewrites: (p) => scenario.rewrites(p)
	});
}

/** The Structured Streaming version; its parameters and seed follow the DStream session's (the
 *  page passes them on), so both sides always see the same socket lines. Only for a scenario
 *  that has one (basic-03): basic-02 shows its Structured Streaming program in SIM-1 instead. */
export function structuredSession(scenario: DStreamScenario, seed = 1): BoundProgram<SsRun> {
	if (!scenario.structuredProgram) {
		throw new Error(`${scenario.slug} has no Structured Streaming program beside its DStream one`);
	}
	const params = scenario.constrain(defaultParams(scenario.schema)).params;
	const code = scenario.structuredProgram();
	return new BoundProgram<SsRun>({
		initialCode: code,
		template: code,
		initialParams: params,
		seed,
		run: (text, p, s) =>
			runStructuredOverSocket(text, {
				lines: scenario.lines(p, s),
				durationMs: scenario.runMs,
				startEpochMs: scenario.startEpochMs
			}),
		// Its template marks no spans: parameters change only the simulated input.
		rewrites: () => ({})
	});
}
