/**
 * A question's simulations with their engines loaded, so they run synchronously: what the engine
 * worker, node (tests, scripts) and prerendering use. A page's main thread never calls this: its
 * runs go to the worker, and the engine's chunk (reader, analyzer, executor) stays off its first
 * load (kind.ts).
 */
import type { QuestionModule, QuestionSimulation } from './kind';

export async function withEngine<S extends QuestionSimulation>(sim: S): Promise<S> {
	const [engine, companionEngine] = await Promise.all([
		sim.engine ?? sim.kind.engine(),
		sim.companionEngine ?? sim.companion?.engine()
	]);
	return { ...sim, engine, ...(companionEngine ? { companionEngine } : {}) };
}

/** Every simulation of a question, those behind its switch too, each with its engine. */
export async function withEngines(module: QuestionModule): Promise<QuestionSimulation[]> {
	const all = [...module.simulations, ...((await module.later?.()) ?? [])];
	return Promise.all(all.map((s) => withEngine(s)));
}
