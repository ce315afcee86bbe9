/** A program as the code panel shows it: rendered at the page's current parameters. */
export interface ShownProgram {
	readonly id: string;
	readonly label: string;
	readonly api: 'structured' | 'dstream';
	readonly code: string;
}
