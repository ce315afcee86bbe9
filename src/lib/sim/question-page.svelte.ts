/**
 * A question page's simulations: one controller per simulation the question runs (usually one;
 * basic-02 runs its Structured Streaming program in micro-batches and its legacy DStream program
 * behind an API switch), the code focus the editor follows, and the editor's program tabs bound
 * to the controllers (each tab a controller or a companion runs is that controller's truth).
 */
import type { QuestionModule } from '$sim';
import { renderProgram } from '$sim';
import { CodeFocusLink } from '$lib/editor/code-focus.svelte';
import type { ShownProgram } from '$lib/editor/types';
import { apiFromUrl, caseFromUrl, showApi, showCase, type Api } from './api-url';
import { SimController } from './controller.svelte';
import type { KindUi } from './kind-ui';
import { loadKindUi } from './kinds';

export interface LoadedSimulation {
	readonly module: QuestionModule;
	readonly uis: readonly KindUi[];
}

/** The API a simulation's program is written in: its question says, or its kind does. */
const apiOf = (c: SimController): Api =>
	c.question.api ?? (c.kind.id === 'dstream' ? 'dstream' : 'structured');

const API_OPTIONS = [
	{ value: 'structured', label: 'Structured Streaming' },
	{ value: 'dstream', label: 'DStreams (legacy)' }
] as const;

export class QuestionPage {
	controllers = $state.raw<readonly SimController[]>([]);
	uis = $state.raw<readonly KindUi[]>([]);
	/** The simulation's cursor highlights the code behind what it shows. */
	readonly codeFocus = new CodeFocusLink();
	/** The switch's side: an API, or on a page of cases (advanced-15) a case's program tab. */
	api = $state<string>('structured');
	apiNotice = $state<string | null>(null);
	apiReady = $state(false);

	readonly #later: LoadedSimulation['module']['later'];
	readonly #cases: LoadedSimulation['module']['cases'];

	constructor(loaded: LoadedSimulation) {
		this.controllers = loaded.module.simulations.map((s) => new SimController(s));
		this.uis = loaded.uis;
		this.#later = loaded.module.later;
		this.#cases = loaded.module.cases;
		this.api = this.#defaultApi;
	}

	/** The switch's value a simulation answers to. */
	#sideOf(c: SimController): string {
		return this.#cases ? c.question.programId : apiOf(c);
	}

	/** The side a link without `api` (or `case`) opens: the first simulation's. */
	get #defaultApi(): string {
		const first = this.controllers[0];
		return first ? this.#sideOf(first) : 'structured';
	}

	/** The switch's options and name: the question's cases, or the two APIs. */
	get switchOptions(): readonly { readonly value: string; readonly label: string }[] {
		return this.#cases?.options ?? API_OPTIONS;
	}

	get switchLabel(): string {
		return this.#cases?.label ?? 'API';
	}

	/** More than one simulation: the page shows one at a time, behind an API switch. */
	get switchable(): boolean {
		return this.controllers.length > 1 || this.#later !== undefined;
	}

	/** Loads the simulations behind the switch (after first paint), their kinds' views too. */
	async loadLater(): Promise<void> {
		const later = this.#later;
		if (!later || this.controllers.length > 1) return;
		const sims = await later();
		const uis = await Promise.all(sims.map((s) => loadKindUi(s.kind.id)));
		this.controllers = [...this.controllers, ...sims.map((s) => new SimController(s))];
		this.uis = [...this.uis, ...uis];
	}

	/** Which simulation is on screen: the DStream one when the switch says DStreams. */
	get active(): number {
		if (!this.switchable) return 0;
		const i = this.controllers.findIndex((c) => this.#sideOf(c) === this.api);
		return Math.max(0, i);
	}

	get controller(): SimController {
		return this.controllers[this.active] as SimController;
	}

	get ui(): KindUi {
		return this.uis[this.active] as KindUi;
	}

	/** What the API switch says about the side on screen (the question's words, if it has them). */
	get apiNote(): string {
		return (
			this.controller.question.apiNote ??
			(this.api === 'dstream'
				? 'The legacy DStream program (the “DStreams” tab).'
				: 'The Structured Streaming program (the main tab).')
		);
	}

	/** The program tab the code focus highlights. */
	get highlightOn(): string {
		return this.controller.question.programId;
	}

	/** Call once mounted (a prerendered page has no query string). */
	async readApi(): Promise<void> {
		if (!this.switchable) return;
		await this.loadLater();
		const read = this.#cases
			? caseFromUrl(this.#cases, this.#defaultApi)
			: apiFromUrl(this.#defaultApi as Api);
		this.api = read.api;
		this.apiNotice = read.notice;
		this.apiReady = true;
	}

	switchApi(next: string): void {
		this.apiNotice = null;
		const cases = this.#cases;
		if (cases) {
			if (!cases.options.some((o) => o.value === next)) return;
			this.api = next;
			// The other case's keys mean nothing to this one: start its URL afresh.
			showCase(cases.key, next, this.#defaultApi);
			return;
		}
		const api: Api = next === 'dstream' ? 'dstream' : 'structured';
		this.api = api;
		// The other side's keys mean nothing to this one: start its URL afresh.
		showApi(api, this.#defaultApi as Api);
	}

	/** The page's program tabs, each bound to what runs it; other tabs follow the parameters. */
	programs(tabs: readonly ShownProgram[]): ShownProgram[] {
		const first = this.controllers[0];
		return tabs.map((tab) => {
			for (const c of this.controllers) {
				if (c.question.programId === tab.id) {
					return {
						...tab,
						code: c.program.code,
						onedit: (code) => c.program.edit(code),
						diagnostics: c.diagnostics
					};
				}
				const companion = c.companion;
				if (companion && tab.id === 'structured') {
					return {
						...tab,
						code: companion.code,
						onedit: (code) => companion.edit(code),
						diagnostics: companion.diagnostics
					};
				}
			}
			return first
				? { ...tab, code: renderProgram(tab.code, first.question.rewrites(first.params)) }
				: tab;
		});
	}
}
