/**
 * Reads the question content at build time (prerender): `src/content/questions/<slug>/index.md`,
 * YAML front matter plus a Markdown answer rendered with `marked`. Server-only: the browser gets
 * the rendered HTML, never the parser.
 */
import { marked } from 'marked';
import { parse as parseYaml } from 'yaml';
import type { Level, QuestionLink, QuestionMeta } from '$lib/content/types';

const files = import.meta.glob('/src/content/questions/*/index.md', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

export interface Question extends QuestionMeta {
	readonly html: string;
}

function splitFrontMatter(path: string, text: string): { data: unknown; body: string } {
	const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
	if (!m) throw new Error(`${path}: missing front matter`);
	return { data: parseYaml(m[1] ?? ''), body: m[2] ?? '' };
}

function asMeta(path: string, data: unknown): QuestionMeta {
	const d = (data ?? {}) as Record<string, unknown>;
	const str = (k: string): string => {
		const v = d[k];
		if (typeof v !== 'string' || v.trim() === '')
			throw new Error(`${path}: front matter '${k}' must be a string`);
		return v.trim();
	};
	const list = (k: string): string[] => {
		const v = d[k] ?? [];
		if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
			throw new Error(`${path}: front matter '${k}' must be a list of strings`);
		return v as string[];
	};
	const level = str('level');
	if (level !== 'basic' && level !== 'advanced')
		throw new Error(`${path}: level must be basic or advanced`);
	const number = Number(d.number);
	if (!Number.isInteger(number)) throw new Error(`${path}: number must be an integer`);
	const slug = str('slug');
	if (!path.includes(`/${slug}/`))
		throw new Error(`${path}: slug '${slug}' does not match its folder`);
	return {
		slug,
		level: level as Level,
		number,
		question: str('question'),
		summary: str('summary'),
		topics: list('topics'),
		simulation: str('simulation'),
		presets: list('presets')
	};
}

const renderer = new marked.Renderer();
// Links to Spark's docs and sources open in a new tab: the page (and its running simulation) stays.
renderer.link = function ({ href, title, tokens }) {
	const text = this.parser.parseInline(tokens);
	const external = /^https?:\/\//.test(href);
	const t = title ? ` title="${title}"` : '';
	return external
		? `<a href="${href}"${t} target="_blank" rel="noopener noreferrer">${text}</a>`
		: `<a href="${href}"${t}>${text}</a>`;
};

// Code blocks scroll sideways on narrow screens: focusable, so a keyboard can scroll them too
// (WCAG 2.1.1; axe's scrollable-region-focusable).
renderer.code = function ({ text, lang }) {
	const cls = lang ? ` class="language-${escapeHtml(lang)}"` : '';
	return `<pre tabindex="0"><code${cls}>${escapeHtml(text)}</code></pre>\n`;
};

function escapeHtml(s: string): string {
	return s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

const questions: Question[] = Object.entries(files)
	.map(([path, text]) => {
		const { data, body } = splitFrontMatter(path, text);
		const meta = asMeta(path, data);
		const html = marked.parse(body, { renderer, async: false, gfm: true });
		return { ...meta, html };
	})
	.sort((a, b) => (a.level === b.level ? a.number - b.number : a.level === 'basic' ? -1 : 1));

export function allQuestions(): readonly Question[] {
	return questions;
}

export function questionMetas(): QuestionMeta[] {
	return questions.map(({ html: _html, ...meta }) => meta);
}

export function findQuestion(slug: string): {
	question: Question;
	prev: QuestionLink | null;
	next: QuestionLink | null;
} | null {
	const i = questions.findIndex((q) => q.slug === slug);
	if (i < 0) return null;
	const link = (q: Question | undefined): QuestionLink | null =>
		q ? { slug: q.slug, question: q.question } : null;
	return { question: questions[i]!, prev: link(questions[i - 1]), next: link(questions[i + 1]) };
}
