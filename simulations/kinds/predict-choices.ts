/**
 * Choices for a prediction whose answer is a number: the engine's value and a few plausible
 * wrong ones (what a common misreading gives), deduplicated and in ascending order so the right
 * one's place gives nothing away.
 */
import type { PredictionChoice } from './kind';

export interface NumericChoices {
	readonly choices: readonly PredictionChoice[];
	readonly answer: string;
}

export function numericChoices(
	answer: number,
	distractors: readonly number[],
	label: (n: number) => string
): NumericChoices {
	const values = [answer];
	for (const d of distractors) {
		if (Number.isFinite(d) && !values.some((v) => Math.abs(v - d) < 1e-9)) values.push(d);
	}
	values.sort((a, b) => a - b);
	const choices = values.map((v, i) => ({ id: `c${i}`, label: label(v) }));
	const at = values.findIndex((v) => v === answer);
	return { choices, answer: `c${at}` };
}

export const YES_NO: readonly PredictionChoice[] = [
	{ id: 'yes', label: 'Yes' },
	{ id: 'no', label: 'No' }
];
