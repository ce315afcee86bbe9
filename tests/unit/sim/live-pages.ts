// Every live page's simulations, with their engines loaded up front (as in node and
// prerendering, so every run is synchronous): each page's own, then the API switch's other
// sides (a DStream tab) named `slug (programId)`.
import type { KindEngine, QuestionSimulation } from '../../../simulations/kinds/kind';
import { SIMULATIONS } from '../../../simulations/registry';
import { withEngine } from '../../../simulations/kinds/with-engines';

export interface LivePage {
	readonly name: string;
	readonly sim: QuestionSimulation;
}

export async function livePages(): Promise<LivePage[]> {
	const pages: LivePage[] = [];
	for (const [slug, entry] of Object.entries(SIMULATIONS)) {
		const module = (await entry.load()).question;
		for (const sim of module.simulations) pages.push({ name: slug, sim: await withEngine(sim) });
		for (const sim of (await module.later?.()) ?? [])
			pages.push({ name: `${slug} (${sim.question.programId})`, sim: await withEngine(sim) });
	}
	return pages;
}

/**
 * The simulation with an engine that, while `on`, answers a request it has seen with the result
 * it gave then (runs are deterministic: seed and parameters give the same run). For page-wide
 * tests that build the same starting page over and over (a new controller's default run, the
 * same dirtying edits) only to test what comes after: while `on` is off, every run is computed.
 */
export function replaying(sim: QuestionSimulation): { sim: QuestionSimulation; on: boolean } {
	const engine = sim.engine as KindEngine;
	const seen = new Map<string, unknown>();
	const state = { sim, on: false };
	const memo = <T>(key: string, compute: () => T): T => {
		if (!state.on) return compute();
		if (!seen.has(key)) seen.set(key, compute());
		// A copy: a controller holds what it got, and no page may see another's changes to it.
		return structuredClone(seen.get(key)) as T;
	};
	const replayed: KindEngine = {
		run: (q, request) => memo(JSON.stringify(['run', request]), () => engine.run(q, request)),
		...(engine.input
			? {
					input: (q, params, seed, script) =>
						memo(JSON.stringify(['input', params, seed, script]), () =>
							engine.input!(q, params, seed, script)
						)
				}
			: {})
	};
	state.sim = { ...sim, engine: replayed };
	return state;
}
