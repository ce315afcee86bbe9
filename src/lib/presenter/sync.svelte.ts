/**
 * Two windows in step while presenting (the projector's and the presenter's own screen): each
 * says over a BroadcastChannel which question it shows, its share-link state (preset,
 * parameters, seed, edited program) and its playback (cursor, playing, speed); the other follows.
 * While playing, the cursor is not sent every frame (both windows advance on their own clocks):
 * only play, pause, seeks and steps are. A state equal to the last one received is not sent
 * back, so the windows never echo each other.
 */
import { untrack } from 'svelte';
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import type { AnyController } from '$lib/sim/kind-ui';
import { presenter } from './presenter.svelte';

export const CHANNEL = 'pyspark-playground-presenter';

export interface SyncState {
	readonly slug: string;
	readonly query: string;
	readonly playing: boolean;
	readonly speed: number;
	readonly now: number;
}

type Message = { readonly type: 'state'; readonly state: SyncState } | { readonly type: 'hello' };

/** Only a tab's first page asks the other window for its state: a later page of the same tab
 *  got there by this window's own navigation, which the other window is to follow. */
let greeted = false;

/** What must match for two windows to be in step (the cursor only while paused). */
export function syncKey(s: SyncState): string {
	return JSON.stringify([
		s.slug,
		s.query,
		s.playing,
		s.speed,
		s.playing ? null : Math.round(s.now)
	]);
}

/** Call during a component's initialisation: it sets up effects for the component's life. */
export function syncWindows(of: () => AnyController): void {
	let channel: BroadcastChannel | null = null;
	let lastReceived: string | null = null;
	let lastSent: string | null = null;
	// A window that just opened asks first: until an answer (or a short wait) it sends nothing,
	// so its own opening state never overrides the window it joins.
	let joining = false;

	const current = (): SyncState => {
		const ctl = of();
		return {
			slug: ctl.question.slug,
			query: ctl.shareQuery(0).query.toString(),
			playing: ctl.playback.playing,
			speed: ctl.playback.speed,
			// Playing, each window moves the cursor itself: reading it would re-send every frame.
			now: ctl.playback.playing ? untrack(() => ctl.playback.now) : ctl.playback.now
		};
	};

	const send = (state: SyncState, force = false) => {
		const key = syncKey(state);
		if (!channel || (!force && (joining || key === lastReceived || key === lastSent))) return;
		lastSent = key;
		channel.postMessage({ type: 'state', state } satisfies Message);
	};

	const apply = (state: SyncState) => {
		const ctl = of();
		joining = false;
		lastReceived = syncKey(state);
		if (state.slug !== ctl.question.slug) {
			void goto(resolve('/questions/[slug]', { slug: state.slug }));
			return;
		}
		if (state.query !== ctl.shareQuery(0).query.toString()) {
			ctl.applyQuery(new URLSearchParams(state.query));
		}
		ctl.playback.speed = state.speed;
		ctl.playback.seek(state.now);
		ctl.playback.playing = state.playing;
	};

	$effect(() => {
		if (!presenter.on || typeof BroadcastChannel === 'undefined') return;
		const ch = new BroadcastChannel(CHANNEL);
		channel = ch;
		ch.onmessage = (e: MessageEvent<Message>) => {
			const m = e.data;
			if (m?.type === 'hello') send(current(), true);
			else if (m?.type === 'state') apply(m.state);
		};
		if (greeted) {
			send(untrack(current));
			return () => {
				ch.close();
				channel = null;
			};
		}
		greeted = true;
		joining = true;
		ch.postMessage({ type: 'hello' } satisfies Message);
		const alone = setTimeout(() => {
			joining = false;
			send(untrack(current));
		}, 400);
		return () => {
			clearTimeout(alone);
			ch.close();
			channel = null;
		};
	});

	$effect(() => {
		if (!presenter.on) return;
		send(current());
	});
}
