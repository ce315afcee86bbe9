// The question's simulation, if it has one: its folder, its kinds' views and the panel shell,
// each a chunk of its own, so a page loads only what it runs. The engine is not among them: in
// the browser every run goes to the engine worker. Prerendering runs it here (in node), so the
// built page shows the opening frame before any script runs.
import { browser } from '$app/environment';
import { loadQuestion, withEngine } from '$sim';
import { loadKindUi } from '$lib/sim/kinds';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ data }) => {
	const found = await loadQuestion(data.question.slug);
	if (!found) return { ...data, sim: null };
	const module = browser
		? found
		: { ...found, simulations: await Promise.all(found.simulations.map((s) => withEngine(s))) };
	const [shell, ...uis] = await Promise.all([
		import('$lib/sim/shell'),
		...module.simulations.map((s) => loadKindUi(s.kind.id))
	]);
	return { ...data, sim: { module, uis, shell } };
};
