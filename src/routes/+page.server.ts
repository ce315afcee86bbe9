import { questionMetas } from '$lib/server/content';
import { SIMULATIONS } from '$sim';
import type { PageServerLoad } from './$types';

// Which questions have a live simulation: the registry's slugs (read at build time, so the
// index ships a list of names, not the registry).
export const load: PageServerLoad = () => ({
	questions: questionMetas(),
	live: Object.keys(SIMULATIONS)
});
