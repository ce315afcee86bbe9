/**
 * The browser side of URL state: read the page's query, and replace it without a navigation
 * (SvelteKit shallow routing: `replaceState` keeps the history entry and the page's data).
 * Prerendered pages have no query at build time, so callers read it once mounted.
 */
import { replaceState } from '$app/navigation';
import { page } from '$app/state';

/** The query the browser shows now (page.url keeps the URL the page was loaded with). */
export function currentQuery(): URLSearchParams {
	return new URLSearchParams(window.location.search);
}

/** The address for a query on this page: what a share link holds. */
export function hrefFor(query: URLSearchParams): string {
	const url = new URL(page.url);
	url.search = query.toString();
	return url.href;
}

/** Show `query` in the address bar; no-op when it is there already. */
export function showQuery(query: URLSearchParams): void {
	const href = hrefFor(query);
	if (href === window.location.href) return;
	// The same page with its query string rewritten: `href` is built from the current URL, which
	// resolve() cannot describe (it takes route ids).
	// eslint-disable-next-line svelte/no-navigation-without-resolve
	replaceState(href, page.state);
}
