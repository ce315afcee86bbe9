// The question's simulation, if it has one: its folder (with its kind's engine), its kinds'
// views and the panel shell, each a chunk of its own, so a page loads only what it runs.
import { loadQuestion } from '$sim';
import { loadKindUi } from '$lib/sim/kinds';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ data }) => {
	const module = await loadQuestion(data.question.slug);
	if (!module) return { ...data, sim: null };
	const [shell, ...uis] = await Promise.all([
		import('$lib/sim/shell'),
		...module.simulations.map((s) => loadKindUi(s.kind.id))
	]);
	return { ...data, sim: { module, uis, shell } };
};
