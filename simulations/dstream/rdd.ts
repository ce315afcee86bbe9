/**
 * RDDs as the DStream engine sees them: a list of partitions of Python values. Partitions
 * matter for results in one place PySpark exposes: count() sums one figure per partition, so an
 * empty queueStream batch (one empty partition) counts [0] while the emptyRDD that queueStream
 * returns once its queue is drained (zero partitions) counts nothing. Key-based operations follow
 * PySpark's rdd.py: pairs are unpacked as `(k, v) = x`, groupByKey yields ResultIterable values,
 * cogroup yields a tuple of two ResultIterables, outer joins fill the missing side with None.
 */
import { raise } from '../python/builtins';
import { PyIterable, PyTuple, iterItems, pyKey, typeName } from '../python/values';
import type { PyValue } from '../python/values';

export interface Rdd {
	readonly partitions: readonly (readonly PyValue[])[];
}

export const rddOf = (partitions: readonly (readonly PyValue[])[]): Rdd => ({ partitions });
export const emptyRdd: Rdd = rddOf([]);
export const elements = (r: Rdd): PyValue[] => r.partitions.flat();
export const countOf = (r: Rdd): number => r.partitions.reduce((n, p) => n + p.length, 0);

/** SparkContext.parallelize(data, numSlices): contiguous slices, as ParallelCollectionRDD does. */
export function parallelize(data: readonly PyValue[], numSlices: number): Rdd {
	const n = Math.max(1, numSlices);
	return rddOf(
		Array.from({ length: n }, (_, i) =>
			data.slice(Math.floor((i * data.length) / n), Math.floor(((i + 1) * data.length) / n))
		)
	);
}

export function union(rdds: readonly Rdd[]): Rdd {
	return rddOf(rdds.flatMap((r) => r.partitions));
}

export function mapPartitions(
	r: Rdd,
	f: (p: readonly PyValue[], index: number) => readonly PyValue[]
): Rdd {
	return rddOf(r.partitions.map((p, i) => f(p, i)));
}

/** `(k, v) = x`: PySpark's pair unpacking, with Python's error for anything that is not a pair. */
export function pair(x: PyValue): readonly [PyValue, PyValue] {
	const xs = iterItems(x);
	if (!xs || typeof x === 'string')
		throw raise('TypeError', `cannot unpack non-iterable ${typeName(x)} object`);
	if (xs.length !== 2) {
		throw raise(
			'ValueError',
			xs.length > 2
				? 'too many values to unpack (expected 2)'
				: `not enough values to unpack (expected 2, got ${xs.length})`
		);
	}
	return [xs[0] ?? null, xs[1] ?? null];
}

/** Deterministic stand-in for portable_hash: which reduce partition a key lands in. */
function bucket(key: string, n: number): number {
	let h = 0;
	for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
	return Math.abs(h) % n;
}

/** Groups pairs by key (first-seen order), then lays the groups out over `numPartitions`. */
export function shuffle<T>(
	r: Rdd,
	numPartitions: number,
	combine: (k: PyValue, vs: PyValue[]) => T,
	emit: (k: PyValue, t: T) => PyValue
): Rdd {
	const groups = new Map<string, { k: PyValue; vs: PyValue[] }>();
	for (const x of elements(r)) {
		const [k, v] = pair(x);
		const key = pyKey(k, raise);
		const g = groups.get(key);
		if (g) g.vs.push(v);
		else groups.set(key, { k, vs: [v] });
	}
	const n = Math.max(1, numPartitions);
	const parts: PyValue[][] = Array.from({ length: n }, () => []);
	for (const [key, g] of groups) parts[bucket(key, n)]?.push(emit(g.k, combine(g.k, g.vs)));
	return rddOf(parts);
}

export function reduceByKey(
	r: Rdd,
	f: (a: PyValue, b: PyValue) => PyValue,
	numPartitions: number
): Rdd {
	return shuffle(
		r,
		numPartitions,
		(_k, vs) => vs.slice(1).reduce(f, vs[0] ?? null),
		(k, v) => new PyTuple([k, v])
	);
}

export function groupByKey(r: Rdd, numPartitions: number): Rdd {
	return shuffle(
		r,
		numPartitions,
		(_k, vs) => vs,
		(k, vs) => new PyTuple([k, new PyIterable(vs, 'ResultIterable')])
	);
}

/** Tags each side's values so one shuffle can cogroup two RDDs. */
function tagged(a: Rdd, b: Rdd): Rdd {
	const tag = (r: Rdd, side: number) =>
		elements(r).map((x) => {
			const [k, v] = pair(x);
			return new PyTuple([k, new PyTuple([side, v])]);
		});
	return rddOf([[...tag(a, 0), ...tag(b, 1)]]);
}

function sides(vs: readonly PyValue[]): [PyValue[], PyValue[]] {
	const out: [PyValue[], PyValue[]] = [[], []];
	for (const t of vs) {
		const [side, v] = (t as PyTuple).items;
		out[side === 0 ? 0 : 1].push(v ?? null);
	}
	return out;
}

export function cogroup(a: Rdd, b: Rdd, numPartitions: number): Rdd {
	return shuffle(
		tagged(a, b),
		numPartitions,
		(_k, vs) => sides(vs),
		(k, [l, r]) =>
			new PyTuple([
				k,
				new PyTuple([new PyIterable(l, 'ResultIterable'), new PyIterable(r, 'ResultIterable')])
			])
	);
}

export type JoinKind = 'inner' | 'left' | 'right' | 'full';

/** RDD.join and its outer forms: every pairing of the two sides' values per key. */
export function join(a: Rdd, b: Rdd, kind: JoinKind, numPartitions: number): Rdd {
	const grouped = shuffle(
		tagged(a, b),
		numPartitions,
		(_k, vs) => sides(vs),
		(k, s) => new PyTuple([k, new PyTuple(s.map((x) => x as PyValue))])
	);
	return mapPartitions(grouped, (p) =>
		p.flatMap((kv) => {
			const [k, s] = (kv as PyTuple).items;
			const [l, r] = (s as PyTuple).items as [PyValue[], PyValue[]];
			const left = l.length ? l : kind === 'right' || kind === 'full' ? [null] : [];
			const right = r.length ? r : kind === 'left' || kind === 'full' ? [null] : [];
			if (!l.length && !r.length) return [];
			return left.flatMap((x) => right.map((y) => new PyTuple([k ?? null, new PyTuple([x, y])])));
		})
	);
}

export function cartesian(a: Rdd, b: Rdd): Rdd {
	return rddOf(
		a.partitions.flatMap((pa) =>
			b.partitions.map((pb) => pa.flatMap((x) => pb.map((y) => new PyTuple([x, y]))))
		)
	);
}
