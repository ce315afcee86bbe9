import { format } from 'd3-format';

const oneDecimal = format('.1f');

/** `12 s`, `12.5 s`, `-3 s`: times in the views are milliseconds, labels are seconds. */
export function secondsLabel(ms: number): string {
	// A watermark before any data is -∞ in the view model: say so in words.
	if (!Number.isFinite(ms)) return 'none yet';
	const s = ms / 1000;
	return `${Number.isInteger(s) ? s : oneDecimal(s)} s`;
}
