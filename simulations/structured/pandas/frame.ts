/**
 * A pandas DataFrame for user functions: what Spark hands applyInPandasWithState and
 * transformWithStateInPandas functions (a key's rows, in chunks) and what they yield back.
 * Columns in order, each a list of Python values. Supported: construction from a dict of lists
 * or scalars (scalars broadcast; all scalars need an index, as pandas says), from a list of dicts;
 * `len`, column access (`df.c`, `df["c"]`), boolean masks (`df[mask]`, `df.loc[mask]`), `iloc`,
 * `assign`, `count`/`sum`/`mean`/`max`/`min` per column, `sort_values`, `itertuples`, `iterrows`, `head`,
 * `copy`, `empty`, `columns`, `shape`, and `pd.concat`. Anything else is an AttributeError
 * naming this list.
 */
import { str } from '../../python/format';
import {
	PyBuiltin,
	PyDict,
	PyFunction,
	PyHost,
	PyIterable,
	PyTuple,
	iterItems,
	pyCompare,
	pyEquals,
	truthy,
	type PyValue
} from '../../python/values';
import { PdIndexer, PdSeries, raise } from './series';

export const FRAME_METHODS =
	'DataFrame: len, df.col / df["col"], df[mask], loc[mask], iloc[i], assign, count, sum, mean, max, min, sort_values, itertuples, iterrows, head, copy, empty, columns, shape; pd.DataFrame(dict or list of dicts), pd.concat';

/** A row of itertuples(): a namedtuple (`row.col`, `row[0]`, unpacking). */
export class PdRow extends PyHost {
	constructor(
		readonly names: readonly string[],
		readonly items: readonly PyValue[],
		/** 'Pandas' for itertuples(); 'Row' for what DataFrame.collect() returns. */
		readonly typeName: string = 'Pandas'
	) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		const i = this.names.indexOf(name);
		return i < 0 ? undefined : (this.items[i] ?? null);
	}
	getItem(key: PyValue): PyValue | undefined {
		// pyspark's Row also takes a field name (Row.__getitem__); a pandas namedtuple does not.
		if (typeof key === 'string' && this.typeName === 'Row') {
			const at = this.names.indexOf(key);
			if (at < 0) throw raise('ValueError', `[KEY_NOT_EXIST] Key \`${key}\` is not exist.`);
			return this.items[at] ?? null;
		}
		if (typeof key !== 'number') throw raise('TypeError', 'tuple indices must be integers');
		const i = key < 0 ? this.items.length + key : key;
		if (i < 0 || i >= this.items.length) throw raise('IndexError', 'tuple index out of range');
		return this.items[i] ?? null;
	}
	iterValues(): readonly PyValue[] {
		return this.items;
	}
	length(): number {
		return this.items.length;
	}
	reprText(): string {
		return `${this.typeName}(${this.names.map((n, i) => `${n}=${str(this.items[i] ?? null)}`).join(', ')})`;
	}
}

export class PdFrame extends PyHost {
	readonly typeName = 'DataFrame';
	constructor(
		readonly columns: readonly string[],
		/** Column-major: `data[c][r]`. */
		readonly data: readonly (readonly PyValue[])[]
	) {
		super();
	}

	static fromRows(columns: readonly string[], rows: readonly (readonly PyValue[])[]): PdFrame {
		return new PdFrame(
			columns,
			columns.map((_, c) => rows.map((r) => r[c] ?? null))
		);
	}

	get numRows(): number {
		return this.data[0]?.length ?? 0;
	}

	row(r: number): PyValue[] {
		return this.data.map((col) => col[r] ?? null);
	}

	iterValues(): readonly PyValue[] {
		return this.columns;
	}
	length(): number {
		return this.numRows;
	}

	column(name: string): PdSeries {
		const i = this.columns.indexOf(name);
		if (i < 0) throw raise('KeyError', `'${name}'`);
		return new PdSeries(this.data[i] ?? [], undefined, name);
	}

	private mask(m: PdSeries): PdFrame {
		if (m.values.length !== this.numRows)
			throw raise('ValueError', `Item wrong length ${m.values.length} instead of ${this.numRows}.`);
		const keep = m.values.map(truthy);
		return new PdFrame(
			this.columns,
			this.data.map((col) => col.filter((_, r) => keep[r]))
		);
	}

	private select(key: PyValue): PyValue {
		if (typeof key === 'string') return this.column(key);
		if (key instanceof PdSeries) return this.mask(key);
		if (Array.isArray(key)) {
			const names = key.map((k) => str(k));
			return new PdFrame(
				names,
				names.map((n) => this.column(n).values)
			);
		}
		throw raise('KeyError', str(key));
	}

	getItem(key: PyValue): PyValue | undefined {
		return this.select(key);
	}

	/** Per-column reduction: a Series indexed by column name (pandas skips None, as NaN). */
	private perColumn(name: string): PdSeries {
		return new PdSeries(
			this.columns.map((c) => {
				const f = this.column(c).getAttr(name) as PyBuiltin;
				return f.fn([], new Map(), () => null);
			}),
			[...this.columns]
		);
	}

	getAttr(name: string): PyValue | undefined {
		if (this.columns.includes(name) && !['count', 'sum', 'max', 'min', 'mean'].includes(name))
			return this.column(name);
		const method = (fn: PyBuiltin['fn']) => new PyBuiltin(name, fn);
		switch (name) {
			case 'count':
			case 'sum':
			case 'mean':
			case 'max':
			case 'min':
				return method(() => this.perColumn(name));
			case 'columns':
				return [...this.columns];
			case 'empty':
				return this.numRows === 0;
			case 'shape':
				return new PyTuple([this.numRows, this.columns.length]);
			case 'copy':
				return method(() => new PdFrame(this.columns, this.data));
			case 'head':
				return method((a) => {
					const n = typeof a[0] === 'number' ? a[0] : 5;
					return new PdFrame(
						this.columns,
						this.data.map((c) => c.slice(0, n))
					);
				});
			case 'sort_values':
				return method((a, kw) =>
					this.sortValues(a[0] ?? kw.get('by') ?? null, kw.get('ascending') ?? a[1] ?? true)
				);
			case 'loc':
				return new PdIndexer((k) => this.select(k));
			case 'iloc':
				return new PdIndexer((k) => {
					const n = this.numRows;
					const i = typeof k === 'number' ? (k < 0 ? n + k : k) : -1;
					if (i < 0 || i >= n)
						throw raise('IndexError', 'single positional indexer is out-of-bounds');
					return new PdSeries(this.row(i), [...this.columns], i);
				});
			case 'itertuples':
				return method((a, kw) => {
					const withIndex = truthy(kw.get('index') ?? a[0] ?? true);
					const names = withIndex ? ['Index', ...this.columns] : [...this.columns];
					const rows: PyValue[] = [];
					for (let r = 0; r < this.numRows; r++)
						rows.push(new PdRow(names, withIndex ? [r, ...this.row(r)] : this.row(r)));
					return new PyIterable(rows, 'map');
				});
			case 'iterrows':
				return method(() => {
					const rows: PyValue[] = [];
					for (let r = 0; r < this.numRows; r++)
						rows.push(new PyTuple([r, new PdSeries(this.row(r), [...this.columns], r)]));
					return new PyIterable(rows, 'generator');
				});
			case 'assign':
				return method((_a, kw, call) => {
					let out = new PdFrame(this.columns, this.data);
					for (const [col, v] of kw) {
						const value = v instanceof PyBuiltin || v instanceof PyFunction ? call(v, [out]) : v;
						out = out.withColumn(col, value);
					}
					return out;
				});
		}
		throw raise(
			'AttributeError',
			`'DataFrame' object has no attribute '${name}' (the playground's pandas subset: ${FRAME_METHODS})`
		);
	}

	/** `sort_values(by, ascending=True)`: a stable sort (pandas' default quicksort is not stable,
	 *  but rows that tie keep their order here, so a run never depends on it); None sorts last. */
	private sortValues(by: PyValue, ascending: PyValue): PdFrame {
		if (by === null) throw raise('TypeError', "sort_values() missing 1 required argument: 'by'");
		const names = typeof by === 'string' ? [by] : (iterItems(by) ?? []).map((c) => str(c));
		const cols = names.map((n) => this.column(n).values);
		const ups = names.map((_, i) => {
			const flag = typeof ascending === 'boolean' ? ascending : iterItems(ascending)?.[i];
			return truthy(flag ?? true);
		});
		const order = Array.from({ length: this.numRows }, (_, r) => r);
		order.sort((x, y) => {
			for (let c = 0; c < cols.length; c++) {
				const a = cols[c]?.[x] ?? null;
				const b = cols[c]?.[y] ?? null;
				if (a === null || b === null) {
					if (a !== b) return a === null ? 1 : -1;
					continue;
				}
				const d = pyCompare(a, b, raise);
				if (d !== 0) return ups[c] ? d : -d;
			}
			return x - y;
		});
		return new PdFrame(
			this.columns,
			this.data.map((col) => order.map((r) => col[r] ?? null))
		);
	}

	withColumn(name: string, value: PyValue): PdFrame {
		const n = this.numRows;
		const col =
			value instanceof PdSeries
				? value.values
				: Array.isArray(value)
					? value
					: Array.from({ length: n }, () => value);
		if (col.length !== n)
			throw raise(
				'ValueError',
				`Length of values (${col.length}) does not match length of index (${n})`
			);
		const at = this.columns.indexOf(name);
		if (at >= 0)
			return new PdFrame(
				this.columns,
				this.data.map((c, i) => (i === at ? col : c))
			);
		return new PdFrame([...this.columns, name], [...this.data, col]);
	}

	reprText(): string {
		if (this.columns.length === 0) return 'Empty DataFrame\nColumns: []\nIndex: []';
		const lines = [`    ${this.columns.join('  ')}`];
		for (let r = 0; r < this.numRows; r++) lines.push(`${r}   ${this.row(r).map(str).join('  ')}`);
		return lines.join('\n');
	}
}

/** A value pandas treats as a column of values (list, tuple, Series), else a scalar. */
function listLike(v: PyValue): readonly PyValue[] | null {
	if (v instanceof PdSeries) return v.values;
	if (Array.isArray(v) || v instanceof PyTuple || v instanceof PyIterable)
		return iterItems(v) ?? null;
	return null;
}

/** `pd.DataFrame(data, columns=...)`. */
export function makeFrame(data: PyValue, columns: PyValue): PdFrame {
	const names = columns === null ? null : (iterItems(columns) ?? []).map((c) => str(c));
	if (data === null)
		return new PdFrame(
			names ?? [],
			(names ?? []).map(() => [])
		);
	if (data instanceof PdFrame) return data;
	if (data instanceof PyDict) {
		const entries = [...data.entries.values()].map(([k, v]) => [str(k), v] as const);
		const lengths = entries.map(([, v]) => listLike(v)?.length).filter((x) => x !== undefined);
		if (lengths.length === 0 && entries.length > 0)
			throw raise('ValueError', 'If using all scalar values, you must pass an index');
		const n = lengths[0] ?? 0;
		if (lengths.some((l) => l !== n))
			throw raise('ValueError', 'All arrays must be of the same length');
		const frame = new PdFrame(
			entries.map(([k]) => k),
			entries.map(([, v]) => listLike(v) ?? Array.from({ length: n }, () => v))
		);
		return names
			? new PdFrame(
					names,
					names.map((c) => frame.column(c).values)
				)
			: frame;
	}
	const rows = iterItems(data);
	if (rows) {
		if (rows.every((r) => r instanceof PyDict)) {
			const cols: string[] = [];
			for (const r of rows as PyDict[])
				for (const [k] of r.entries.values()) if (!cols.includes(str(k))) cols.push(str(k));
			return PdFrame.fromRows(
				cols,
				(rows as PyDict[]).map((r) =>
					cols.map((c) => [...r.entries.values()].find(([k]) => pyEquals(k, c))?.[1] ?? null)
				)
			);
		}
		const asRows = rows.map((r) => listLike(r) ?? [r]);
		const width = asRows[0]?.length ?? 0;
		return PdFrame.fromRows(names ?? Array.from({ length: width }, (_, i) => String(i)), asRows);
	}
	throw raise('ValueError', 'DataFrame constructor not properly called!');
}

/** `pd.concat([df, ...])`: rows in order, columns the union in first-seen order. */
export function concatFrames(frames: readonly PyValue[]): PdFrame {
	const fs = frames.filter((f): f is PdFrame => f instanceof PdFrame);
	if (fs.length !== frames.length)
		throw raise('TypeError', 'cannot concatenate object of type; only DataFrame objs are valid');
	if (fs.length === 0) throw raise('ValueError', 'No objects to concatenate');
	const cols: string[] = [];
	for (const f of fs) for (const c of f.columns) if (!cols.includes(c)) cols.push(c);
	const rows: PyValue[][] = [];
	for (const f of fs)
		for (let r = 0; r < f.numRows; r++)
			rows.push(cols.map((c) => (f.columns.includes(c) ? (f.column(c).values[r] ?? null) : null)));
	return PdFrame.fromRows(cols, rows);
}
