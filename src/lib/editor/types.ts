/** A program as the code panel shows it: rendered at the page's current parameters. */
export interface ShownProgram {
	readonly id: string;
	readonly label: string;
	readonly api: 'structured' | 'dstream';
	readonly code: string;
	/** Set when the program drives a simulation: the panel then shows `code` as given and hands
	 *  every edit to this callback (the page's binding owns the text). */
	readonly onedit?: (code: string) => void;
	readonly diagnostics?: readonly Diagnostic[];
}

/** An engine error at a place in the program (1-based), as the editor marks it. */
export interface Diagnostic {
	readonly line: number;
	readonly column: number;
	readonly endLine?: number;
	readonly endColumn?: number;
	readonly message: string;
}
