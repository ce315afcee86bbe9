/**
 * Which API a page with an API switch shows (basic-02: Structured Streaming or DStreams), as the
 * `api` URL key. Each side keeps its own state in the rest of the query; switching starts the
 * other side's query afresh, since its keys mean nothing to this side.
 */
import { currentQuery, showQuery } from './location';

export type Api = 'structured' | 'dstream';

export function parseApi(raw: string | null): { api: Api; notice: string | null } {
	if (raw === null || raw === 'structured') return { api: 'structured', notice: null };
	if (raw === 'dstream') return { api: 'dstream', notice: null };
	const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
	return {
		api: 'structured',
		notice: `Ignored api=“${shown}” in the link: it is structured or dstream. Showing Structured Streaming.`
	};
}

export const apiFromUrl = () => parseApi(currentQuery().get('api'));

export function showApi(api: Api): void {
	showQuery(new URLSearchParams(api === 'dstream' ? { api } : {}));
}
