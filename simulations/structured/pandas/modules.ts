/**
 * The Python libraries a user function for Spark's pandas APIs may import, as the playground
 * models them: `pandas` (DataFrame, Series, concat, Timestamp values), a few `numpy` reductions,
 * `math` (sqrt, fabs, exp, log, isnan, isinf, and pi/inf/nan: a rolling z-score needs a square
 * root), `calendar.timegm` and `datetime` (what Spark's own tests use to turn a Timestamp into epoch
 * seconds). A timestamp column crosses into pandas as Timestamp values (microsecond precision,
 * UTC), as Arrow hands them over with the session time zone set to UTC.
 */
import {
	PyBuiltin,
	PyFloat,
	PyHost,
	PyModule,
	PyTuple,
	iterItems,
	numeric,
	type PyValue
} from '../../python/values';
import { PdFrame, concatFrames, makeFrame } from './frame';
import { PdSeries, raise } from './series';

/** A pandas Timestamp / datetime: epoch microseconds, UTC. */
export class PdTimestamp extends PyHost {
	readonly typeName = 'Timestamp';
	constructor(readonly micros: number) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		const d = new Date(Math.floor(this.micros / 1000));
		switch (name) {
			case 'microsecond':
				return ((this.micros % 1_000_000) + 1_000_000) % 1_000_000;
			case 'second':
				return d.getUTCSeconds();
			case 'minute':
				return d.getUTCMinutes();
			case 'hour':
				return d.getUTCHours();
			case 'day':
				return d.getUTCDate();
			case 'month':
				return d.getUTCMonth() + 1;
			case 'year':
				return d.getUTCFullYear();
			case 'utctimetuple':
			case 'timetuple':
				return new PyBuiltin(name, () => new StructTime(Math.floor(this.micros / 1_000_000)));
			case 'timestamp':
				return new PyBuiltin(name, () => new PyFloat(this.micros / 1_000_000));
		}
		return undefined;
	}
	binaryOp(op: string, other: PyValue): PyValue | undefined {
		if (!(other instanceof PdTimestamp)) return undefined;
		const c = Math.sign(this.micros - other.micros);
		const cmp: Record<string, boolean> = {
			'<': c < 0,
			'<=': c <= 0,
			'>': c > 0,
			'>=': c >= 0,
			'==': c === 0,
			'!=': c !== 0
		};
		return cmp[op];
	}
	reprText(): string {
		return `Timestamp('${new Date(Math.floor(this.micros / 1000)).toISOString().replace('T', ' ').replace('Z', '')}')`;
	}
}

/** time.struct_time, as utctimetuple() returns it; calendar.timegm reads it back. */
class StructTime extends PyHost {
	readonly typeName = 'time.struct_time';
	constructor(readonly epochSeconds: number) {
		super();
	}
	getAttr(): PyValue | undefined {
		return undefined;
	}
}

const fn = (name: string, f: PyBuiltin['fn']): [string, PyValue] => [name, new PyBuiltin(name, f)];

const PANDAS = new PyModule(
	'pandas',
	new Map<string, PyValue>([
		fn('DataFrame', (a, kw) =>
			makeFrame(kw.get('data') ?? a[0] ?? null, kw.get('columns') ?? a[1] ?? null)
		),
		fn('Series', (a) => new PdSeries([...(iterItems(a[0] ?? []) ?? [])])),
		fn('concat', (a) => concatFrames(iterItems(a[0] ?? []) ?? [])),
		fn('isna', (a) => a[0] === null || (a[0] instanceof PyFloat && Number.isNaN(a[0].v))),
		fn('notna', (a) => !(a[0] === null || (a[0] instanceof PyFloat && Number.isNaN(a[0].v))))
	])
);

const reduceNumbers = (name: string, f: (xs: number[]) => number, int: boolean) =>
	fn(name, (a) => {
		const src = a[0] ?? null;
		const xs = (src instanceof PdSeries ? src.values : (iterItems(src) ?? [])).map((x) => {
			const n = numeric(x);
			if (n === undefined) throw raise('TypeError', `numpy.${name} expects numbers`);
			return n;
		});
		const v = f(xs);
		return int && Number.isInteger(v) ? v : new PyFloat(v);
	});

const NUMPY = new PyModule(
	'numpy',
	new Map<string, PyValue>([
		reduceNumbers('sum', (xs) => xs.reduce((s, x) => s + x, 0), true),
		reduceNumbers('max', (xs) => Math.max(...xs), true),
		reduceNumbers('min', (xs) => Math.min(...xs), true),
		reduceNumbers('mean', (xs) => xs.reduce((s, x) => s + x, 0) / xs.length, false)
	])
);

const CALENDAR = new PyModule(
	'calendar',
	new Map<string, PyValue>([
		fn('timegm', (a) => {
			const t = a[0];
			if (t instanceof StructTime) return t.epochSeconds;
			if (t instanceof PyTuple) {
				const [y, mo, d, h, mi, s] = t.items.map((x) => numeric(x) ?? 0);
				return Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0) / 1000;
			}
			throw raise('TypeError', 'timegm() expects a time tuple');
		})
	])
);

/** A one-argument function of `math`: a float, or Python's ValueError where C's would be NaN. */
const mathFn = (name: string, f: (x: number) => number, domain: (x: number) => boolean) =>
	fn(name, (a) => {
		const x = numeric(a[0] ?? null);
		if (x === undefined)
			throw raise('TypeError', `must be real number, not ${a[0] === null ? 'NoneType' : 'str'}`);
		if (!domain(x)) throw raise('ValueError', 'math domain error');
		return new PyFloat(f(x));
	});

const anyX = () => true;

const MATH = new PyModule(
	'math',
	new Map<string, PyValue>([
		mathFn('sqrt', Math.sqrt, (x) => x >= 0 || Number.isNaN(x)),
		mathFn('fabs', Math.abs, anyX),
		mathFn('exp', Math.exp, anyX),
		mathFn('log', Math.log, (x) => x > 0 || Number.isNaN(x)),
		fn('isnan', (a) => Number.isNaN(numeric(a[0] ?? null) ?? 0)),
		fn('isinf', (a) => Math.abs(numeric(a[0] ?? null) ?? 0) === Infinity),
		['pi', new PyFloat(Math.PI)],
		['inf', new PyFloat(Infinity)],
		['nan', new PyFloat(NaN)]
	])
);

/** Importable library modules by their import path. */
export const LIBRARY_MODULES: ReadonlyMap<string, PyModule> = new Map([
	['pandas', PANDAS],
	['numpy', NUMPY],
	['calendar', CALENDAR],
	['math', MATH],
	['datetime', new PyModule('datetime', new Map())]
]);

export { PdFrame, PdSeries };
