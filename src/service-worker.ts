/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline for workshops with bad wifi: on install, precache the whole static build (app chunks,
 * Monaco's chunks and worker, static files and every prerendered page), then serve from the
 * cache first. A new deployment gets a new cache name (`version`) and old caches are dropped.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `playground-${version}`;
const ASSETS = [...new Set([...build, ...files, ...prerendered])];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(ASSETS))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			// Pages are prerendered without a trailing slash; a query string (simulation state)
			// must still find the cached page.
			const cached =
				(await cache.match(request, { ignoreSearch: true })) ??
				(await cache.match(url.pathname.replace(/\/$/, '') || '/'));
			if (cached) return cached;
			try {
				const response = await fetch(request);
				if (response.ok && response.type === 'basic') cache.put(request, response.clone());
				return response;
			} catch {
				return new Response('Offline, and this resource was not cached.', {
					status: 503,
					headers: { 'content-type': 'text/plain' }
				});
			}
		})()
	);
});
