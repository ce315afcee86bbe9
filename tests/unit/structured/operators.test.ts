import { describe, expect, it } from 'vitest';
import type { AggregateImpl, AggState } from '../../../simulations/structured/expr/index';
import type { Value } from '../../../simulations/structured/expr/ast';
import { aggregateBatch, type AggGroup } from '../../../simulations/structured/operators/aggregate';
import { dedupBatch, type DedupValue } from '../../../simulations/structured/operators/dedupe';
import { keyOf } from '../../../simulations/structured/operators/key';
import {
	mergeSessions,
	sessionBatch,
	type SessionGroup
} from '../../../simulations/structured/operators/session-window';
import { StateStore } from '../../../simulations/structured/operators/state-store';
import { stateValueWatermark } from '../../../simulations/structured/operators/join-conditions';
import type { Expr } from '../../../simulations/structured/expr/ast';

// A count written here so the operator tests do not depend on the expression layer.
const count: AggregateImpl = {
	type: { kind: 'long' },
	zero: () => 0 as unknown as AggState,
	update: (s) => ((s as unknown as number) + 1) as unknown as AggState,
	merge: (a, b) => ((a as unknown as number) + (b as unknown as number)) as unknown as AggState,
	result: (s) => s as unknown as Value
};
const S = 1_000_000;
const win = (start: number) => ({ start: start * S, end: (start + 5) * S });
const partials = (...starts: number[]) => {
	const m = new Map<string, AggGroup>();
	for (const st of starts) {
		const k = [win(st)];
		const key = keyOf(k);
		const g = m.get(key) ?? { k, b: [count.zero()] };
		g.b[0] = count.update(g.b[0] as AggState, 1);
		m.set(key, g);
	}
	return m;
};
const keyTime = (k: readonly Value[]) => (k[0] as { end: number }).end;

describe('aggregateBatch', () => {
	it('append: a window is written once, when the eviction watermark reaches its end', () => {
		const store = new StateStore<AggGroup>();
		const spec = { mode: 'append' as const, aggs: [count], keyTime };
		let r = aggregateBatch(store, spec, partials(10, 10, 15), 0, 0);
		expect(r.rows).toEqual([]);
		store.commit();
		r = aggregateBatch(store, spec, partials(25), 0, 5_000);
		expect(r.rows).toEqual([]);
		r = aggregateBatch(store, spec, new Map(), 5_000, 15_000);
		expect(r.rows).toEqual([[win(10), 2]]);
		expect(store.map.size).toBe(2);
	});
	it('late rows are counted once per group after partial aggregation', () => {
		const store = new StateStore<AggGroup>();
		const spec = { mode: 'update' as const, aggs: [count], keyTime };
		const r = aggregateBatch(store, spec, partials(10, 10, 10, 25), 15_000, 15_000);
		expect(r.numRowsDroppedByWatermark).toBe(1);
		expect(r.rows).toEqual([[win(25), 1]]);
	});
	it('complete mode neither drops nor evicts', () => {
		const store = new StateStore<AggGroup>();
		const spec = { mode: 'complete' as const, aggs: [count], keyTime };
		aggregateBatch(store, spec, partials(10), 0, 0);
		const r = aggregateBatch(store, spec, partials(10), 100_000, 100_000);
		expect(r.numRowsDroppedByWatermark).toBe(0);
		expect(r.rows).toEqual([[win(10), 2]]);
	});
	it('state survives a snapshot/restore round trip', () => {
		const store = new StateStore<AggGroup>();
		const spec = { mode: 'update' as const, aggs: [count], keyTime: null };
		aggregateBatch(store, spec, partials(10), null, null);
		store.commit();
		const restored = StateStore.restore(store.snapshot());
		const r = aggregateBatch(restored, spec, partials(10), null, null);
		expect(r.rows).toEqual([[win(10), 2]]);
	});
});

describe('dedupBatch', () => {
	it('drops repeats within a batch and late rows; evicts keys by event time', () => {
		const store = new StateStore<DedupValue>();
		const spec = {
			keyIndices: [0],
			eventTimeIndex: 0,
			eventTimeInKeys: true,
			withinWatermarkDelayMs: null
		};
		const rows = [[10 * S], [11 * S], [10 * S]];
		let r = dedupBatch(store, spec, rows, 0, 0);
		expect(r.rows).toEqual([[10 * S], [11 * S]]);
		expect(r.numDroppedDuplicateRows).toBe(1);
		r = dedupBatch(store, spec, [[10 * S], [25 * S]], 10_000, 15_000);
		expect(r.rows).toEqual([[25 * S]]);
		expect(r.numRowsDroppedByWatermark).toBe(1);
		expect(store.map.size).toBe(1);
	});
	it('within watermark: the key expires once the watermark reaches event time + delay', () => {
		const store = new StateStore<DedupValue>();
		const spec = {
			keyIndices: [0],
			eventTimeIndex: 1,
			eventTimeInKeys: false,
			withinWatermarkDelayMs: 10_000
		};
		dedupBatch(store, spec, [['a', 10 * S]], 0, 0);
		expect(dedupBatch(store, spec, [['a', 12 * S]], 0, 19_999).rows).toEqual([]);
		expect(store.map.size).toBe(1);
		dedupBatch(store, spec, [], 0, 20_000);
		expect(store.map.size).toBe(0);
	});
});

describe('mergeSessions', () => {
	it('touching sessions merge; the merged end is the max end (R3.2 example)', () => {
		const m = (s: number, e: number) => ({ start: s, end: e, b: [1 as unknown as AggState] });
		const out = mergeSessions([m(0, 5), m(3, 8), m(8, 13), m(9, 14), m(11, 16)], [count]);
		expect(out.map((s) => [s.start, s.end, s.b[0]])).toEqual([[0, 16, 5]]);
		const two = mergeSessions([m(0, 5), m(3, 8), m(9, 14), m(11, 16)], [count]);
		expect(two.map((s) => [s.start, s.end, s.b[0]])).toEqual([
			[0, 8, 2],
			[9, 16, 2]
		]);
	});
});

describe('sessionBatch: what the trace learns about sessions', () => {
	const input = (start: number) => ({
		key: 'a',
		k: ['a'],
		start: start * S,
		end: (start + 5) * S,
		values: [1]
	});
	const spec = { mode: 'append' as const, aggs: [count], sessionIndex: 1 };
	it('a row bridging two sessions: one updated session, the two old ones reported as merged', () => {
		const store = new StateStore<SessionGroup>();
		const first = sessionBatch(store, spec, [input(0), input(10)], null, null);
		store.commit(first.total);
		expect(first.updatedRows).toEqual([
			['a', { start: 0, end: 5 * S }, 1],
			['a', { start: 10 * S, end: 15 * S }, 1]
		]);
		expect(first.mergedRows).toEqual([]);
		// [4, 9) touches [0, 5) and reaches 9 < 10: only the first merges; then [8, 13) bridges.
		const second = sessionBatch(store, spec, [input(4), input(8)], null, null);
		expect(second.updatedRows).toEqual([['a', { start: 0, end: 15 * S }, 4]]);
		expect(second.mergedRows).toEqual([
			['a', { start: 0, end: 5 * S }, 1],
			['a', { start: 10 * S, end: 15 * S }, 1]
		]);
		expect(second.total).toBe(1);
	});
	it('append: an evicted session is both output and reported as evicted', () => {
		const store = new StateStore<SessionGroup>();
		store.commit(sessionBatch(store, spec, [input(0)], null, null).total);
		const res = sessionBatch(store, spec, [], 0, 5 * S);
		expect(res.rows).toEqual([['a', { start: 0, end: 5 * S }, 1]]);
		expect(res.evictedRows).toEqual(res.rows);
		expect(res.updatedRows).toEqual([]);
	});
});

describe('join state watermark from a range condition', () => {
	const col = (name: string): Expr => ({ kind: 'col', name });
	const interval = (us: number): Expr => ({ kind: 'lit', value: us, type: { kind: 'interval' } });
	const sideOf = (c: { name: string }) =>
		c.name.startsWith('click') ? ('R' as const) : c.name.startsWith('imp') ? ('L' as const) : null;
	// clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour
	const cond: Expr = {
		kind: 'binary',
		op: 'AND',
		left: { kind: 'binary', op: '>=', left: col('clickTime'), right: col('impressionTime') },
		right: {
			kind: 'binary',
			op: '<=',
			left: col('clickTime'),
			right: { kind: 'binary', op: '+', left: col('impressionTime'), right: interval(3600 * S) }
		}
	};
	it('the guide example: left W - 1h - 1ms, right W - 1ms', () => {
		const left = stateValueWatermark(cond, 'L', 'impressionTime', 'clickTime', sideOf);
		const right = stateValueWatermark(cond, 'R', 'clickTime', 'impressionTime', sideOf);
		expect(left?.(10_000_000)).toBe(10_000_000 - 3_600_000 - 1);
		expect(right?.(10_000_000)).toBe(10_000_000 - 1);
	});
});
