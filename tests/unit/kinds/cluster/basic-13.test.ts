/**
 * basic-13 (common challenges): each challenge's signature at seed 1, the fix removing it, the
 * Kafka source's minPartitions split (KafkaOffsetRangeCalculator, hand-computed), and
 * conservation over seeds: every produced record is aggregated, dropped late, malformed, or
 * still waiting in Kafka.
 */
import { describe, expect, it } from 'vitest';
import { offsetRangeTasks } from '../../../../simulations/cluster/offset-ranges';
import { runClusterProgram } from '../../../../simulations/kinds/cluster/run';
import type { ClusterSimRun } from '../../../../simulations/kinds/cluster/frames';
import {
	basic13Challenges as q,
	CHALLENGES
} from '../../../../simulations/questions/basic-13-challenges/question';

function runOf(challenge: string, fix: 'on' | 'off', seed = 1): ClusterSimRun {
	const preset = q.presets.find((p) => p.id === challenge);
	const params = q.constrain({ ...preset?.params, fixApplied: fix }).params;
	const r = runClusterProgram(q, {
		code: q.program(params),
		params,
		seed,
		script: null,
		edits: []
	});
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
}
const totals = (r: ClusterSimRun) => r.challenge?.batches.at(-1)?.totals;

describe('minPartitions (KafkaOffsetRangeCalculator.getRanges)', () => {
	it('splits only the hot range, in proportion, keeping every offset', () => {
		const tasks = offsetRangeTasks([11625, 1125, 1125, 1125], 12);
		// 1125/15000 × 12 rounds to 1: three ranges stay whole; the hot one takes the 9 parts left.
		expect(tasks).toHaveLength(12);
		expect(tasks.reduce((a, b) => a + b, 0)).toBe(15000);
		expect(Math.max(...tasks.slice(0, 9)) - Math.min(...tasks.slice(0, 9))).toBeLessThanOrEqual(1);
		expect(tasks.slice(9)).toEqual([1125, 1125, 1125]);
	});
	it('is one task per non-empty range when unset or already enough', () => {
		expect(offsetRangeTasks([5, 0, 7], null)).toEqual([5, 7]);
		expect(offsetRangeTasks([5, 6, 7], 3)).toEqual([5, 6, 7]);
	});
});

describe('basic-13: each challenge has a signature the fix removes (seed 1)', () => {
	it('late: rows dropped below a 2 s watermark, none below 30 s', () => {
		expect(totals(runOf('late', 'off'))?.lateDropped).toBeGreaterThan(1000);
		expect(totals(runOf('late', 'on'))?.lateDropped).toBe(0);
		const p = runOf('late', 'off').progress?.at(-1);
		expect(p?.stateOperators.some((o) => o.numRowsDroppedByWatermark > 0)).toBe(true);
	});
	it('state growth: dropDuplicates state climbs every batch; within the watermark it levels off', () => {
		const off = runOf('state-growth', 'off').challenge?.batches ?? [];
		const rows = off.filter((b) => b.aggregated > 0).map((b) => b.dedupStateRows);
		expect(rows.every((r, i) => i === 0 || r > (rows[i - 1] ?? 0))).toBe(true);
		const on = runOf('state-growth', 'on').challenge?.batches.at(-1)?.dedupStateRows ?? 0;
		expect(off.at(-1)?.dedupStateRows).toBeGreaterThan(10 * on);
	});
	it('skew: one read task far longer than the rest; minPartitions splits it', () => {
		const longest = (r: ClusterSimRun) =>
			Math.max(...r.batches.flatMap((b) => (b.tasks ?? []).map((t) => t.endMs - t.startMs)));
		expect(longest(runOf('skew', 'off'))).toBeGreaterThan(5 * longest(runOf('skew', 'on')));
	});
	it('small files: a 1 s trigger adds over 20× the files of a 1 min one', () => {
		expect(totals(runOf('small-files', 'off'))?.files).toBeGreaterThan(
			20 * (totals(runOf('small-files', 'on'))?.files ?? 0)
		);
	});
	it('overload: on one executor every batch is later than the last; the fix keeps up', () => {
		const off = runOf('overload', 'off').batches;
		const on = runOf('overload', 'on').batches;
		// Each batch longer than the last: the lag (oldest record's age at the batch's end) grows.
		expect(off.slice(1).every((b, i) => b.latencyMs > (off[i]?.latencyMs ?? 0))).toBe(true);
		expect(off.at(-1)?.latencyMs).toBeGreaterThan(4 * Math.max(...on.map((b) => b.latencyMs)));
		expect(Math.max(...on.map((b) => b.processingMs))).toBeLessThan(60_000);
	});
	it('schema drift: FAILFAST fails the query with the parser’s error; PERMISSIVE keeps dead letters', () => {
		const off = runOf('schema-drift', 'off');
		expect(off.challenge?.failure?.message).toMatch(
			/^\[STREAM_FAILED\].*\[MALFORMED_RECORD_IN_PARSING\.CANNOT_PARSE_STRING_AS_DATATYPE\]/s
		);
		expect(off.batches.at(-1)?.endMs).toBeLessThanOrEqual(off.challenge?.failure?.atMs ?? 0);
		const on = runOf('schema-drift', 'on');
		expect(on.challenge?.failure).toBeNull();
		expect(totals(on)?.corrupt).toBeGreaterThan(0);
	});
});

describe('basic-13: conservation over seeds', () => {
	it('every produced record is aggregated, dropped late, malformed, or still in Kafka', () => {
		for (const seed of [1, 2, 3])
			for (const c of CHALLENGES)
				for (const fix of ['off', 'on'] as const) {
					const r = runOf(c, fix, seed);
					const cb = r.challenge?.batches ?? [];
					const read = cb.reduce((a, b) => a + b.aggregated + b.lateDropped + b.corrupt, 0);
					expect(read).toBe(r.batches.reduce((a, b) => a + b.records, 0));
					expect(read + r.totals.backlog + r.totals.dropped).toBe(r.totals.produced);
				}
	});
});
