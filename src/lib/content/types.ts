/** What the index and a question page know about a question (front matter of its index.md). */
export type Level = 'basic' | 'advanced';

export interface QuestionMeta {
	readonly slug: string;
	readonly level: Level;
	readonly number: number;
	readonly question: string;
	readonly summary: string;
	readonly topics: readonly string[];
	readonly simulation: string;
	readonly presets: readonly string[];
}

export interface QuestionLink {
	readonly slug: string;
	readonly question: string;
}

/** The simulations of QUESTIONS.md §3, by id: the name a page shows for its simulation. */
export const SIMULATION_NAMES: Readonly<Record<string, string>> = {
	'SIM-1': 'Micro-batch timeline',
	'SIM-2': 'DStream batches',
	'SIM-3': 'Event time, windows and the watermark',
	'SIM-4': 'Stream-stream join',
	'SIM-5': 'Checkpoints, failures and replay',
	'SIM-6': 'Keyed state and timeouts',
	'SIM-7': 'Sources and sinks',
	'SIM-8': 'Cluster under load',
	'SIM-9': 'Schema evolution',
	'SIM-10': 'Custom source and sink protocol',
	'SIM-11': 'Test bench',
	'SIM-12': 'Applications'
};
