/**
 * What a sweep shows, in words, from its points (advanced-05's aha): where the knee is and what
 * each side of it costs. Every number is the engine's; nothing here decides an outcome.
 */
import type { SweepPoint, SweepResult } from '../../cluster/sweep';

const s = (ms: number): string =>
	ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${Number((ms / 1000).toFixed(2))} s`;
const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const at = (p: SweepPoint): string =>
	`p50 ${s(p.p50Ms)}, p95 ${s(p.p95Ms)}, ${n(p.throughput)} rows/s`;

function trigger(r: SweepResult): string {
	const pts = r.points;
	const knee = pts.find((p) => p.value === r.knee);
	const first = pts[0];
	const ok = pts.filter((p) => !p.behind);
	const widest = ok[ok.length - 1];
	const behind = pts.find((p) => p.behind);
	const parts: string[] = [];
	if (knee && first)
		parts.push(
			`Knee at ${s(knee.value)}: a batch there takes ${s(knee.meanBatchMs)} of its interval. Shorter triggers cannot start sooner, so they run back to back like the default trigger (${at(first)}).`
		);
	if (widest && knee && widest !== knee)
		parts.push(
			`A ${s(widest.value)} trigger amortises the fixed cost: ${n(widest.throughput)} rows/s per second of batch time, but records wait for it (p50 ${s(widest.p50Ms)}).`
		);
	if (behind)
		parts.push(
			`From ${s(behind.value)} a trigger reads less than the producers write (the maxOffsetsPerTrigger cap per trigger): the backlog grows and latency with it (p50 ${s(behind.p50Ms)}).`
		);
	return parts.join(' ');
}

function partitions(r: SweepResult): string {
	const pts = r.points;
	const best = pts.find((p) => p.value === r.knee);
	const low = pts[0];
	const high = pts[pts.length - 1];
	const parts: string[] = [];
	if (low?.behind)
		parts.push(
			`${low.value} shuffle partition${low.value === 1 ? '' : 's'}: the stateful stage runs as ${low.value} task${low.value === 1 ? '' : 's'} on ${r.cores} cores and cannot keep up (p50 ${s(low.p50Ms)}).`
		);
	if (best)
		parts.push(
			`${best.value} (${r.cores} cores) is fastest: batches of ${s(best.meanBatchMs)}, ${at(best)}.`
		);
	if (high && best && high !== best)
		parts.push(
			`${high.value} adds a task overhead per partition every batch: ${s(high.meanBatchMs)} batches, p50 ${s(high.p50Ms)}.`
		);
	return parts.join(' ');
}

function limit(r: SweepResult): string {
	const pts = r.points;
	const none = pts.find((p) => p.value === 0);
	const cur = pts.find((p) => p.value === r.current && p.value > 0);
	const starved = pts.find((p) => p.value > 0 && p.behind);
	const parts: string[] = [];
	if (none)
		parts.push(
			`Without maxOffsetsPerTrigger a trigger takes everything waiting: batches average ${s(none.meanBatchMs)} (${none.batches} in the run).`
		);
	if (cur)
		parts.push(
			`At ${n(cur.value)} per trigger they average ${s(cur.meanBatchMs)} (${cur.batches} batches), a bound you can plan around.`
		);
	if (starved)
		parts.push(
			`At ${n(starved.value)} a trigger reads less than the producers write: the backlog never drains (p50 ${s(starved.p50Ms)}).`
		);
	return parts.join(' ');
}

export function describeSweep(r: SweepResult): string {
	switch (r.over) {
		case 'triggerInterval':
			return trigger(r);
		case 'shufflePartitions':
			return partitions(r);
		case 'maxOffsetsPerTrigger':
			return limit(r);
	}
}
