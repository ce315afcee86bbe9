// Every live page's simulations, with their engines loaded up front (as in node and
// prerendering, so every run is synchronous): each page's own, then the API switch's other
// sides (a DStream tab) named `slug (programId)`.
import type { QuestionSimulation } from '../../../simulations/kinds/kind';
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
