/**
 * Builtin work counted against the running interpreter's step budget. A builtin such as
 * range(), sum() or `[0] * n` does as much work as a Python loop of that length but is one
 * expression; without this, `sum(range(999999))` in a per-record function froze the page for
 * seconds while costing a few steps. Builtins have no interpreter handle, so the interpreter
 * that runs Python code installs itself here (runs are synchronous, one interpreter at a time).
 */
export interface StepMeter {
	charge(n: number): void;
}

let current: StepMeter | null = null;

export function useMeter(m: StepMeter): void {
	current = m;
}

/** Charges `n` steps (items made or read) to the interpreter running now. */
export function chargeWork(n: number): void {
	if (n > 0 && current !== null) current.charge(n);
}

/** Strings are cheap per character: one step per this many characters made. */
export const CHARS_PER_STEP = 16;
