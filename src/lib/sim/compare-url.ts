/**
 * The Compare view in a share link: `compare=<param>:<value>` when it is open (absent when it is
 * closed), the setting side B changes and B's value. The value passes the scenario's own gate
 * (`constrain`) like every other parameter, so a link can never make B run a program the page's
 * controls could not. Reading never throws; what is refused or changed becomes a notice.
 */
import { comparableParams, otherValue, type Comparison } from '$sim';
import type { SimQuestion } from '$sim';
import type { Params } from '$sim';

export const COMPARE_KEY = 'compare';

export function encodeComparison(c: Comparison): string {
	return `${c.id}:${c.value}`;
}

export interface DecodedComparison {
	/** Open the view comparing this (null: keep it closed). */
	readonly comparison: Comparison | null;
	readonly notices: readonly string[];
}

/** `params` are side A's (the page's, already through `constrain`). */
export function decodeComparison(
	raw: string,
	scenario: SimQuestion,
	params: Params
): DecodedComparison {
	const choices = comparableParams(scenario);
	if (choices.length === 0) {
		return closed('this page has no setting to compare');
	}
	const colon = raw.indexOf(':');
	const id = (colon < 0 ? raw : raw.slice(0, colon)).trim();
	const valueText = colon < 0 ? '' : raw.slice(colon + 1).trim();
	const spec = choices.find((p) => p.id === id);
	if (!spec) {
		const known = choices.map((p) => p.id).join(', ');
		return closed(`“${clip(id)}” is not a setting this page compares (${known})`);
	}
	const fallback = otherValue(spec, params[id]);
	if (valueText === '') return { comparison: { id, value: fallback }, notices: [] };
	const notices: string[] = [];
	let value: string | number = valueText;
	if (spec.kind === 'number') {
		value = Number(valueText);
		if (!Number.isFinite(value)) {
			notices.push(
				`Compare: ${spec.label} “${clip(valueText)}” is not a number; B uses ${fallback}.`
			);
			return { comparison: { id, value: fallback }, notices };
		}
	} else if (!spec.options.some((o) => o.value === valueText)) {
		const allowed = spec.options.map((o) => o.value).join(', ');
		notices.push(
			`Compare: ${spec.label} “${clip(valueText)}” is not one of ${allowed}; B uses ${fallback}.`
		);
		return { comparison: { id, value: fallback }, notices };
	}
	// The same gate the page's controls pass: out of range is clamped, with its notice.
	const gated = scenario.constrain({ ...params, [id]: value });
	notices.push(...gated.notices.map((n) => `Compare: ${n}`));
	return { comparison: { id, value: gated.params[id] ?? fallback }, notices };
}

function closed(why: string): DecodedComparison {
	return { comparison: null, notices: [`Compare in the link: ${why}; not opened.`] };
}

function clip(s: string): string {
	return s.length > 32 ? `${s.slice(0, 31)}…` : s;
}
