import type { QuestionMeta } from '$lib/content/types';

/** Questions whose text (question, summary, slug, tags) contains every word of `text`, and that
 *  carry `tag` when one is chosen. Case-insensitive. */
export function filterQuestions(
	questions: readonly QuestionMeta[],
	text: string,
	tag: string | null
): QuestionMeta[] {
	const words = text.toLowerCase().split(/\s+/).filter(Boolean);
	return questions.filter((q) => {
		if (tag && !q.topics.includes(tag)) return false;
		const hay = [q.question, q.summary, q.slug, ...q.topics].join(' ').toLowerCase();
		return words.every((w) => hay.includes(w));
	});
}

/** Every tag in use, most used first, then alphabetical. */
export function tagCounts(questions: readonly QuestionMeta[]): { tag: string; count: number }[] {
	const counts = new Map<string, number>();
	for (const q of questions) for (const t of q.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
	return [...counts]
		.map(([tag, count]) => ({ tag, count }))
		.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
