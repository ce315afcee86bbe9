import { error } from '@sveltejs/kit';
import { PROGRAMS } from '$sim/server';
import { findQuestion } from '$lib/server/content';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = () => Object.keys(PROGRAMS).map((slug) => ({ slug }));

export const load: PageServerLoad = ({ params }) => {
	const found = findQuestion(params.slug);
	const programs = PROGRAMS[params.slug];
	if (!found || !programs) error(404, `No question '${params.slug}'`);
	return {
		...found,
		programs: programs.map((p) => ({
			id: p.id,
			label: tabLabel(p.label),
			api: p.api,
			code: p.template
		}))
	};
};

/** "Structured Streaming, default parameters: every fix applied" → "Structured Streaming". */
function tabLabel(label: string): string {
	return label.replace(/[,;:] (default parameters|legacy).*$/, (m) =>
		m.includes('legacy') ? ' (legacy)' : ''
	);
}
