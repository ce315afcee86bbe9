/**
 * A pandas Series for the user functions Spark hands pandas data (applyInPandasWithState,
 * transformWithStateInPandas): values with an index (row numbers, or column names for what
 * `df.count()` / `df.sum()` return), element-wise arithmetic and comparisons (boolean masks),
 * `apply`, the reductions `sum`/`count`/`mean`/`max`/`min`, `get`, `iloc`, `tolist`. Anything
 * else is an AttributeError naming what the subset supports.
 */
import { binaryOp } from '../../python/arith';
import { PyException } from '../../python/errors';
import { str } from '../../python/format';
import {
	PyBuiltin,
	PyFloat,
	PyHost,
	numeric,
	pyCompare,
	pyEquals,
	truthy,
	type CallFn,
	type PyValue
} from '../../python/values';

export const raise = (t: string, m: string) => new PyException(t, m);

export const SERIES_METHODS =
	'Series: apply, sum, count, mean, max, min, get, iloc, tolist, astype(str), unique, isin, index, values, arithmetic, comparisons and &, |, ~';

const COMPARE: Record<string, (c: number) => boolean> = {
	'<': (c) => c < 0,
	'<=': (c) => c <= 0,
	'>': (c) => c > 0,
	'>=': (c) => c >= 0
};

/** One element-wise operation, None (NaN) propagating as pandas does for comparisons (False). */
function elementOp(op: string, a: PyValue, b: PyValue): PyValue {
	if (op === '==') return pyEquals(a, b);
	if (op === '!=') return !pyEquals(a, b);
	if (op in COMPARE) {
		if (a === null || b === null) return false;
		return (COMPARE[op] as (c: number) => boolean)(pyCompare(a, b, raise));
	}
	if (op === '&' || op === 'and') return truthy(a) && truthy(b);
	if (op === '|' || op === 'or') return truthy(a) || truthy(b);
	if (a === null || b === null) return null;
	return binaryOp(op, a, b, raise);
}

export class PdSeries extends PyHost {
	readonly typeName = 'Series';
	constructor(
		readonly values: readonly PyValue[],
		/** Labels: row positions by default, column names for a per-column reduction. */
		readonly index: readonly PyValue[] = values.map((_, i) => i),
		readonly name: PyValue = null
	) {
		super();
	}

	iterValues(): readonly PyValue[] {
		return this.values;
	}
	length(): number {
		return this.values.length;
	}

	binaryOp(op: string, other: PyValue, reflected: boolean): PyValue | undefined {
		const at = (i: number): PyValue =>
			other instanceof PdSeries ? (other.values[i] ?? null) : other;
		if (other instanceof PdSeries && other.values.length !== this.values.length)
			throw raise('ValueError', 'Can only compare identically-labeled Series objects');
		return new PdSeries(
			this.values.map((v, i) => (reflected ? elementOp(op, at(i), v) : elementOp(op, v, at(i)))),
			this.index,
			this.name
		);
	}

	unaryOp(op: string): PyValue | undefined {
		if (op === '~' || op === 'not')
			return new PdSeries(
				this.values.map((v) => !truthy(v)),
				this.index
			);
		if (op === '-') return new PdSeries(this.values.map((v) => binaryOp('*', v, -1, raise)));
		return undefined;
	}

	getItem(key: PyValue): PyValue | undefined {
		const i = this.index.findIndex((x) => pyEquals(x, key));
		if (i < 0) throw raise('KeyError', str(key));
		return this.values[i] ?? null;
	}

	private present(): PyValue[] {
		return this.values.filter((v) => v !== null);
	}

	private reduce(name: string): PyValue {
		const xs = this.present();
		switch (name) {
			case 'count':
				return xs.length;
			case 'sum':
				return xs.reduce<PyValue>((a, b) => binaryOp('+', a, b, raise), 0);
			case 'mean': {
				if (xs.length === 0) return new PyFloat(NaN);
				const total = xs.reduce<number>((a, b) => a + (numeric(b) ?? NaN), 0);
				return new PyFloat(total / xs.length);
			}
			case 'max':
			case 'min': {
				if (xs.length === 0) return new PyFloat(NaN);
				let best = xs[0] as PyValue;
				for (const x of xs.slice(1)) {
					const c = pyCompare(x, best, raise);
					if (name === 'max' ? c > 0 : c < 0) best = x;
				}
				return best;
			}
		}
		return null;
	}

	getAttr(name: string): PyValue | undefined {
		const method = (fn: (a: readonly PyValue[], call: CallFn) => PyValue) =>
			new PyBuiltin(name, (a, _kw, call) => fn(a, call));
		switch (name) {
			case 'sum':
			case 'count':
			case 'mean':
			case 'max':
			case 'min':
				return method(() => this.reduce(name));
			case 'apply':
			case 'map':
				return method((a, call) => {
					const f = a[0] ?? null;
					return new PdSeries(
						this.values.map((v) => call(f, [v])),
						this.index,
						this.name
					);
				});
			case 'get':
				return method((a) => {
					const i = this.index.findIndex((x) => pyEquals(x, a[0] ?? null));
					return i < 0 ? (a[1] ?? null) : (this.values[i] ?? null);
				});
			case 'tolist':
			case 'to_list':
				return method(() => [...this.values]);
			case 'unique':
				return method(() =>
					this.values.filter((v, i) => this.values.findIndex((w) => pyEquals(v, w)) === i)
				);
			case 'isin':
				return method((a) => {
					const set = a[0];
					const items = Array.isArray(set) ? set : [];
					return new PdSeries(
						this.values.map((v) => items.some((x) => pyEquals(v, x))),
						this.index
					);
				});
			case 'astype':
				return method((a) => {
					const t = a[0];
					if (t instanceof PyBuiltin && t.name === 'str')
						return new PdSeries(
							this.values.map((v) => (v === null ? null : str(v))),
							this.index,
							this.name
						);
					throw raise('NotSupported', 'Series.astype supports str only in the playground');
				});
			case 'values':
				return [...this.values];
			case 'index':
				return [...this.index];
			case 'name':
				return this.name;
			case 'empty':
				return this.values.length === 0;
			case 'iloc':
				return new PdIndexer((k) => {
					const i = typeof k === 'number' ? (k < 0 ? this.values.length + k : k) : -1;
					if (i < 0 || i >= this.values.length)
						throw raise('IndexError', 'single positional indexer is out-of-bounds');
					return this.values[i] ?? null;
				});
		}
		throw raise('AttributeError', `'Series' object has no attribute '${name}' (${SERIES_METHODS})`);
	}

	reprText(): string {
		return this.values.map((v, i) => `${str(this.index[i] ?? i)}    ${str(v)}`).join('\n');
	}
}

/** `x.iloc[...]` / `df.loc[...]`: an object whose subscript does the lookup. */
export class PdIndexer extends PyHost {
	readonly typeName = '_iLocIndexer';
	constructor(private readonly at: (key: PyValue) => PyValue) {
		super();
	}
	getAttr(): PyValue | undefined {
		return undefined;
	}
	getItem(key: PyValue): PyValue | undefined {
		return this.at(key);
	}
}
