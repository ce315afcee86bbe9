/**
 * Predict, then reveal, on a sweep (advanced-05): before the page's run gets going, which setting
 * of the sweep gives the lowest median latency, and does the smallest trigger beat the knee.
 * Answered from the sweep's points (the engine's runs), never typed.
 */
import type { Prediction } from '../kind';
import type { SweepResult } from '../../cluster/sweep';
import type { CBatch } from './frames';

const s = (ms: number): string =>
	ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${Number((ms / 1000).toFixed(2))} s`;

function label(r: SweepResult, v: number): string {
	if (r.over === 'triggerInterval') return v === 0 ? 'the default trigger' : `a ${s(v)} trigger`;
	if (r.over === 'maxOffsetsPerTrigger') return v === 0 ? 'no limit' : v.toLocaleString('en-US');
	return `${v} shuffle partitions`;
}

/** Which of three swept values has the lowest p50: the first, the fastest, the last. */
function lowest(r: SweepResult, ask: CBatch, reveal: CBatch): Prediction | null {
	const first = r.points[0];
	const last = r.points[r.points.length - 1];
	const best = r.points.reduce((a, p) => (p.p50Ms < a.p50Ms ? p : a), r.points[0]!);
	const picks = [...new Set([first, best, last])].filter((p) => p !== undefined);
	if (picks.length < 2) return null;
	return {
		id: 'sweep-lowest',
		askAtMs: ask.endMs,
		revealAtMs: reveal.endMs,
		question: `Of these ${r.over === 'triggerInterval' ? 'triggers' : 'settings'}, which gives the lowest median end-to-end latency?`,
		choices: picks.map((p) => ({ id: `v${p.value}`, label: label(r, p.value) })),
		answer: `v${best.value}`,
		explanation: `${label(r, best.value)[0]?.toUpperCase()}${label(r, best.value).slice(1)}: p50 ${s(best.p50Ms)} (batches of ${s(best.meanBatchMs)}). ${picks
			.filter((p) => p !== best)
			.map((p) => `${label(r, p.value)}: p50 ${s(p.p50Ms)}${p.behind ? ', falling behind' : ''}`)
			.join('; ')}.`
	};
}

/** Trigger sweeps: does the shortest processingTime trigger beat the knee's latency? */
function belowKnee(r: SweepResult, ask: CBatch, reveal: CBatch): Prediction | null {
	if (r.over !== 'triggerInterval' || r.knee === null) return null;
	const knee = r.points.find((p) => p.value === r.knee);
	const shortest = r.points.find((p) => p.value > 0);
	const none = r.points.find((p) => p.value === 0);
	if (!knee || !none || !shortest) return null;
	const faster = none.p50Ms < knee.p50Ms - 100;
	return {
		id: 'sweep-below-knee',
		askAtMs: ask.endMs,
		revealAtMs: reveal.endMs,
		question: `A batch takes about ${s(knee.meanBatchMs)} here. Will the default trigger (no interval at all) cut median latency well below the ${s(knee.value)} trigger’s?`,
		choices: [
			{ id: 'yes', label: 'Yes' },
			{ id: 'no', label: 'No' }
		],
		answer: faster ? 'yes' : 'no',
		explanation: faster
			? `Yes: p50 ${s(none.p50Ms)} against ${s(knee.p50Ms)}.`
			: `No: p50 ${s(none.p50Ms)} against ${s(knee.p50Ms)}. A batch cannot start before the previous one ends, so below the knee batches run back to back whatever the interval says.`
	};
}

export function sweepPredictionsOf(r: SweepResult, batches: readonly CBatch[]): Prediction[] {
	const [a, b, c, d] = batches.slice(1, 5);
	if (!a || !b || !c || !d) return [];
	return [lowest(r, a, b), belowKnee(r, c, d)].filter((p): p is Prediction => p !== null);
}
