import { secondsLabel } from '../format';

/** Latencies span five decades here (µs per row to seconds per batch): pick the unit that reads. */
export function latencyLabel(ms: number): string {
	if (!Number.isFinite(ms)) return '—';
	if (ms < 1) return `${Math.max(1, Math.round(ms * 1000))} µs`;
	if (ms < 10) return `${Math.round(ms * 10) / 10} ms`;
	if (ms < 1000) return `${Math.round(ms)} ms`;
	return secondsLabel(ms);
}

/** The trigger string as the program writes it: 1000 → "1 second", 1500 → "1.5 seconds". */
export function intervalWords(ms: number): string {
	const s = ms / 1000;
	return `${Number.isInteger(s) ? s : s.toFixed(1)} second${s === 1 ? '' : 's'}`;
}
