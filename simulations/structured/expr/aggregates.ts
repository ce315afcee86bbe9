/**
 * Aggregate functions as state machines the stateful aggregation keeps per group (the
 * StateStoreSaveExec's value row): zero / update / merge / result, with Spark's semantics —
 * NULL inputs skipped (count(*) counts rows), sum/avg/min/max of no values NULL, count 0,
 * sample variance/stddev NULL for one row (spark.sql.legacy.statisticalAggregate=false), and
 * CentralMomentAgg's update and merge formulas so results match Spark bit for bit.
 */
import { err, ok, type Result } from '../../core/errors';
import type { AggregateFn, DataType, Value } from './ast';
import { compareValues, valueKey } from './compare';
import { DOUBLE, LONG, isNumeric, sqlTypeName } from './types';
import { pushAll } from '../../core/arrays';

type Json = null | number | string | boolean | Json[] | { [k: string]: Json };
/** One group's partial aggregate: plain JSON, shown in the state-store view. */
export type AggState = { [k: string]: Json };

export interface AggregateImpl {
	readonly type: DataType;
	zero(): AggState;
	/** May mutate `state` and return it. */
	update(state: AggState, value: Value): AggState;
	/** May mutate `a` and return it; `b` is left alone. */
	merge(a: AggState, b: AggState): AggState;
	result(state: AggState): Value;
}

// Internal states, cast at the boundary: each is JSON by construction.
interface Count {
	n: number;
}
interface Sum {
	sum: number | null;
}
interface Avg {
	sum: number;
	n: number;
}
interface One {
	v: Json;
	set: boolean;
}
interface Items {
	items: Json[];
}
interface Distinct {
	keys: { [k: string]: true };
	items: Json[];
}
interface Moments {
	n: number;
	avg: number;
	m2: number;
}
interface Values {
	values: number[];
}

function make<S extends object>(
	type: DataType,
	zero: () => S,
	update: (s: S, v: Value) => S,
	merge: (a: S, b: S) => S,
	result: (s: S) => Value
): AggregateImpl {
	return {
		type,
		zero: zero as unknown as () => AggState,
		update: update as unknown as (s: AggState, v: Value) => AggState,
		merge: merge as unknown as (a: AggState, b: AggState) => AggState,
		result: result as unknown as (s: AggState) => Value
	};
}

function moments(kind: 'stddev' | 'stddev_pop' | 'variance' | 'var_pop'): AggregateImpl {
	return make<Moments>(
		DOUBLE,
		() => ({ n: 0, avg: 0, m2: 0 }),
		(s, v) => {
			if (v === null) return s;
			const x = v as number;
			const n = s.n + 1;
			const delta = x - s.avg;
			const deltaN = delta / n;
			s.avg += deltaN;
			s.m2 += delta * (delta - deltaN);
			s.n = n;
			return s;
		},
		(a, b) => {
			const n = a.n + b.n;
			const delta = b.avg - a.avg;
			const deltaN = n === 0 ? 0 : delta / n;
			a.m2 = a.m2 + b.m2 + delta * deltaN * a.n * b.n;
			a.avg = a.avg + deltaN * b.n;
			a.n = n;
			return a;
		},
		(s) => {
			if (s.n === 0) return null;
			if (kind === 'var_pop') return s.m2 / s.n;
			if (kind === 'stddev_pop') return Math.sqrt(s.m2 / s.n);
			if (s.n === 1) return null;
			return kind === 'variance' ? s.m2 / (s.n - 1) : Math.sqrt(s.m2 / (s.n - 1));
		}
	);
}

/** Spark's percentile(x, 0.5): linear interpolation between the two middle values. */
function median(values: readonly number[]): Value {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const pos = (sorted.length - 1) * 0.5;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	const a = sorted[lo] ?? 0;
	const b = sorted[hi] ?? 0;
	return hi === lo ? a : a + (pos - lo) * (b - a);
}

function mismatch(fn: string, requires: string, input: DataType): Result<never, string> {
	return err(
		`[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "${fn}" due to data type mismatch: ` +
			`The first parameter requires the ${requires} type, ` +
			`however it has the type "${sqlTypeName(input)}".`
	);
}

function base(fn: AggregateFn, input: DataType | null): Result<AggregateImpl, string> {
	const t: DataType = input ?? LONG;
	const numeric = isNumeric(t) || t.kind === 'null';
	switch (fn) {
		case 'count':
			return ok(
				make<Count>(
					LONG,
					() => ({ n: 0 }),
					input === null ? (s) => (s.n++, s) : (s, v) => (v !== null && s.n++, s),
					(a, b) => ((a.n += b.n), a),
					(s) => s.n
				)
			);
		case 'sum': {
			if (!numeric && t.kind !== 'interval') return mismatch(fn, '"NUMERIC" or "ANSI INTERVAL"', t);
			const type = t.kind === 'double' || t.kind === 'interval' ? t : LONG;
			const add = (s: Sum, v: Value): Sum => {
				if (v !== null) s.sum = s.sum === null ? (v as number) : s.sum + (v as number);
				return s;
			};
			return ok(
				make<Sum>(
					type,
					() => ({ sum: null }),
					add,
					(a, b) => add(a, b.sum),
					(s) => s.sum
				)
			);
		}
		case 'avg':
			if (!numeric) return mismatch(fn, '"NUMERIC" or "ANSI INTERVAL"', t);
			return ok(
				make<Avg>(
					DOUBLE,
					() => ({ sum: 0, n: 0 }),
					(s, v) => (v !== null && ((s.sum += v as number), s.n++), s),
					(a, b) => ((a.sum += b.sum), (a.n += b.n), a),
					(s) => (s.n === 0 ? null : s.sum / s.n)
				)
			);
		case 'min':
		case 'max': {
			const sign = fn === 'min' ? -1 : 1;
			const pick = (s: One, v: Value): One => {
				if (v !== null && (!s.set || compareValues(v, s.v as Value) * sign > 0)) {
					s.v = v as Json;
					s.set = true;
				}
				return s;
			};
			const merge = (a: One, b: One): One => (b.set ? pick(a, b.v) : a);
			return ok(
				make<One>(
					t,
					() => ({ v: null, set: false }),
					pick,
					merge,
					(s) => s.v
				)
			);
		}
		case 'first':
		case 'last': {
			const first = fn === 'first';
			const take = (s: One, v: Value): One => {
				if (!first || !s.set) {
					s.v = v as Json;
					s.set = true;
				}
				return s;
			};
			const merge = (a: One, b: One): One => (b.set ? take(a, b.v) : a);
			return ok(
				make<One>(
					t,
					() => ({ v: null, set: false }),
					take,
					merge,
					(s) => s.v
				)
			);
		}
		case 'collect_list':
			return ok(
				make<Items>(
					{ kind: 'array', element: t },
					() => ({ items: [] }),
					(s, v) => (v !== null && s.items.push(v as Json), s),
					(a, b) => (pushAll(a.items, b.items), a),
					(s) => [...(s.items as Value[])]
				)
			);
		case 'collect_set':
			return ok(distinctOf({ kind: 'array', element: t }, (items) => [...items]));
		// Exact, not HyperLogLog++: the playground's cardinalities are small enough that Spark's
		// default 5% relative error would not change the figure shown.
		case 'approx_count_distinct':
		case 'count_distinct':
			return ok(distinctOf(LONG, (items) => items.length));
		case 'stddev':
		case 'stddev_pop':
		case 'variance':
		case 'var_pop':
			if (!numeric) return mismatch(fn, '"NUMERIC"', t);
			return ok(moments(fn));
		case 'median':
			if (!numeric) return mismatch(fn, '"NUMERIC" or "ANSI INTERVAL"', t);
			return ok(
				make<Values>(
					DOUBLE,
					() => ({ values: [] }),
					(s, v) => (v !== null && s.values.push(v as number), s),
					(a, b) => (pushAll(a.values, b.values), a),
					(s) => median(s.values)
				)
			);
	}
}

/** Distinct non-null inputs in arrival order, keyed by their canonical JSON. */
function distinctOf(type: DataType, result: (items: readonly Value[]) => Value): AggregateImpl {
	const add = (s: Distinct, v: Value): Distinct => {
		if (v === null) return s;
		const k = valueKey(v);
		if (s.keys[k] === undefined) {
			s.keys[k] = true;
			s.items.push(v as Json);
		}
		return s;
	};
	return make<Distinct>(
		type,
		() => ({ keys: {}, items: [] }),
		add,
		(a, b) => {
			for (const v of b.items) add(a, v as Value);
			return a;
		},
		(s) => result(s.items as Value[])
	);
}

/** `fn(DISTINCT x)`: gather the distinct inputs, then run the plain aggregate over them. */
function distinctWrapper(inner: AggregateImpl): AggregateImpl {
	return make<Distinct>(
		inner.type,
		() => ({ keys: {}, items: [] }),
		(s, v) => {
			if (v === null) return s;
			const k = valueKey(v);
			if (s.keys[k] === undefined) {
				s.keys[k] = true;
				s.items.push(v as Json);
			}
			return s;
		},
		(a, b) => {
			for (const v of b.items) {
				const k = valueKey(v as Value);
				if (a.keys[k] === undefined) {
					a.keys[k] = true;
					a.items.push(v);
				}
			}
			return a;
		},
		(s) => {
			let st = inner.zero();
			for (const v of s.items) st = inner.update(st, v as Value);
			return inner.result(st);
		}
	);
}

/** The aggregate for `fn`; `inputType` null means no argument (count(*), count(1)). */
export function aggregateFunction(
	fn: AggregateFn,
	distinct: boolean,
	inputType: DataType | null
): Result<AggregateImpl, string> {
	const impl = base(fn, inputType);
	const distinctAlready = ['count_distinct', 'approx_count_distinct', 'collect_set'].includes(fn);
	if (!impl.ok || !distinct || distinctAlready) return impl;
	if (fn === 'count' && inputType !== null) return base('count_distinct', inputType);
	return ok(distinctWrapper(impl.value));
}
