/**
 * What each kind's UI module (src/lib/kinds/<kind>/index.ts) gives the shared panel: the view of
 * one run at the cursor, and how the panel's parts are labelled for it. Loaded lazily with the
 * kind's engine, so a page downloads only its own kind.
 */
import type { Component } from 'svelte';
import type { LaneSpec } from '$lib/controls/scrubber-layout';
import type { SimController } from './controller.svelte';

/* eslint-disable @typescript-eslint/no-explicit-any -- a view narrows the controller to its kind's run and frame types */
export type AnyController = SimController<any, any>;

export interface KindViewProps {
	ctl: AnyController;
	/** False until the page is interactive (without JavaScript the buttons could do nothing). */
	ready: boolean;
}

/** One side of Compare: a run at the cursor, drawn compactly. */
export interface CompareSideProps {
	ctl: AnyController;
	run: any;
	frame: any;
	/** `A` or `B`. */
	name: string;
}

export interface KindUi {
	/** The section's test id (`sim-event-time`, `sim-micro-batch`, `sim-dstream`). */
	readonly testid: string;
	title(ctl: AnyController): string;
	/** The scrubber's lanes for this run (the event-time lanes by default). */
	lanes?(ctl: AnyController): readonly LaneSpec[] | undefined;
	/** What "step" moves by. */
	unit?(ctl: AnyController): 'batch' | 'epoch';
	/** The test id of the notice for a program the engine cannot run. */
	readonly programErrorTestId?: string;
	readonly View: Component<KindViewProps>;
}
