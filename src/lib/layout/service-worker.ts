/**
 * Offline support is for the built site only. In `vite dev` a service worker would answer module
 * and style requests from its cache, so edited components keep stale (or no) styles: the dev
 * server must never be controlled by one. SvelteKit's automatic registration also runs in dev,
 * which is why registration is manual here (svelte.config.js sets `register: false`).
 */
import { base } from '$app/paths';

export async function setUpServiceWorker(dev: boolean): Promise<void> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	if (!dev) {
		await navigator.serviceWorker.register(`${base}/service-worker.js`);
		return;
	}
	// A worker left by an earlier `npm run preview` or an older dev set-up on this origin: remove it
	// and reload once, so this page is served by the dev server alone.
	const registrations = await navigator.serviceWorker.getRegistrations();
	await Promise.all(registrations.map((r) => r.unregister()));
	if (navigator.serviceWorker.controller && !sessionStorage.getItem('sw-cleared')) {
		sessionStorage.setItem('sw-cleared', '1');
		location.reload();
	}
}
