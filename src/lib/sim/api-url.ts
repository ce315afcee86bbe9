/**
 * Which API a page with an API switch shows (basic-02: Structured Streaming or DStreams), as the
 * `api` URL key, and which case a page of cases shows (advanced-15's `case`). Each side keeps its own state in the rest of the query; switching starts the
 * other side's query afresh, since its keys mean nothing to this side.
 */
import { currentQuery, showQuery } from './location';

export type Api = 'structured' | 'dstream';

/** `fallback`: the side a link without `api` shows (the page's first simulation's API). */
export function parseApi(
	raw: string | null,
	fallback: Api = 'structured'
): { api: Api; notice: string | null } {
	if (raw === null) return { api: fallback, notice: null };
	if (raw === 'structured' || raw === 'dstream') return { api: raw, notice: null };
	const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
	const name = fallback === 'dstream' ? 'DStreams' : 'Structured Streaming';
	return {
		api: fallback,
		notice: `Ignored api=“${shown}” in the link: it is structured or dstream. Showing ${name}.`
	};
}

export const apiFromUrl = (fallback: Api = 'structured') =>
	parseApi(currentQuery().get('api'), fallback);

export function showApi(api: Api, fallback: Api = 'structured'): void {
	showQuery(new URLSearchParams(api === fallback ? {} : { api }));
}

/** A page of cases (advanced-15): which case a link opens, under the question's own key. */
export function parseCase(
	cases: { readonly key: string; readonly options: readonly { value: string; label: string }[] },
	raw: string | null,
	fallback: string
): { api: string; notice: string | null } {
	if (raw === null) return { api: fallback, notice: null };
	if (cases.options.some((o) => o.value === raw)) return { api: raw, notice: null };
	const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
	const values = cases.options.map((o) => o.value).join(', ');
	const name = cases.options.find((o) => o.value === fallback)?.label ?? fallback;
	return {
		api: fallback,
		notice: `Ignored ${cases.key}=“${shown}” in the link: it is one of ${values}. Showing ${name}.`
	};
}

export const caseFromUrl = (
	cases: Parameters<typeof parseCase>[0] & { readonly key: string },
	fallback: string
) => parseCase(cases, currentQuery().get(cases.key), fallback);

export function showCase(key: string, value: string, fallback: string): void {
	showQuery(new URLSearchParams(value === fallback ? {} : { [key]: value }));
}
