/**
 * Numeric and null-handling functions: abs, round (HALF_UP), floor/ceil (BIGINT), sqrt, pow,
 * exp, ln, greatest/least (skip NULLs), pmod, `div` (IntegralDivide: BIGINT, ANSI raises on
 * zero), coalesce, nvl/ifnull, nullif, if, isnull/isnotnull, isnan, nanvl. Types follow
 * Spark's: integral in, integral out where Spark keeps it; the rest DOUBLE.
 */
import { ok, type Result } from '../../core/errors';
import type { DataType, Pos, Value } from './ast';
import { compareValues, valuesEqual } from './compare';
import { compiled, typeMismatch, type Compiled, type Eval } from './context';
import { checkArgs, NULL_ARG, strict1, strictN, type FnSpec, type Registry } from './fn-common';
import { coerce } from './ops';
import { divideByZero } from './runtime-error';
import { BOOLEAN, DOUBLE, LONG, commonType, isIntegral, isNumeric, sqlTypeName } from './types';

const numericOrNull = (c: Compiled): boolean => isNumeric(c.type) || c.type.kind === 'null';
const integralOrNull = (c: Compiled): boolean => isIntegral(c.type) || c.type.kind === 'null';

/** `out`: 'keep' keeps an integral input type, 'long' always BIGINT, 'double' always DOUBLE. */
function numeric1(f: (x: number) => number, out: 'keep' | 'long' | 'double'): FnSpec {
	return {
		min: 1,
		max: 1,
		compile: (args, _e, name, at) => {
			const c = checkArgs(args, numericOrNull, '"NUMERIC"', name, at);
			if (!c.ok) return c;
			const [a] = c.value as [Compiled];
			const type = out === 'long' ? LONG : out === 'keep' && isIntegral(a.type) ? a.type : DOUBLE;
			return ok(
				compiled(
					type,
					name,
					a.nullable,
					strict1(a.eval, (v) => f(v as number))
				)
			);
		}
	};
}

function numeric2(f: (a: number, b: number) => number, out: 'double' | 'wider'): FnSpec {
	return {
		min: 2,
		max: 2,
		compile: (args, _e, name, at) => {
			const c = checkArgs(args, numericOrNull, '"NUMERIC"', name, at);
			if (!c.ok) return c;
			const [a, b] = c.value as [Compiled, Compiled];
			const type = out === 'double' ? DOUBLE : (commonType(a.type, b.type) ?? DOUBLE);
			const g = ([x, y]: Value[]): Value => f(x as number, y as number);
			return ok(compiled(type, name, true, strictN([a.eval, b.eval], g)));
		}
	};
}

/** BigDecimal.setScale(d, HALF_UP) on the double's value, to the precision doubles allow. */
function roundHalfUp(x: number, d: number): number {
	if (!Number.isFinite(x)) return x;
	const f = 10 ** d;
	const r = Math.round(Math.abs(x) * f) / f;
	return x < 0 ? -r : r;
}

/** The arguments cast to one common type (coalesce, greatest, ...), or Spark's error. */
function unify(args: readonly Compiled[], name: string, at: Pos): Result<Compiled[]> {
	let t: DataType = args[0]?.type ?? { kind: 'null' };
	for (const a of args.slice(1)) {
		const next = commonType(t, a.type);
		if (next === null) {
			const fn = name.replace(/\(.*$/, '');
			const types = args.map((x) => `"${sqlTypeName(x.type)}"`).join(', ');
			const detail = `Input to \`${fn}\` should all be the same type, but it's [${types}].`;
			return typeMismatch(at, 'DATA_DIFF_TYPES', name, detail);
		}
		t = next;
	}
	return ok(args.map((a) => coerce(a, t)));
}

/** A function over arguments of one common type. */
function unified(
	min: number,
	max: number,
	build: (evals: Eval[], cs: Compiled[]) => Eval,
	nullable: (cs: Compiled[]) => boolean = () => true
): FnSpec {
	return {
		min,
		max,
		compile: (args, _e, name, at) => {
			const u = unify(args, name, at);
			if (!u.ok) return u;
			const type = u.value[0]?.type ?? DOUBLE;
			const evals = u.value.map((c) => c.eval);
			return ok(compiled(type, name, nullable(u.value), build(evals, u.value)));
		}
	};
}

function extremum(sign: 1 | -1): FnSpec {
	return unified(2, Infinity, (evals) => (row) => {
		let best: Value = null;
		for (const e of evals) {
			const v = e(row);
			if (v !== null && (best === null || compareValues(v, best) * sign > 0)) best = v;
		}
		return best;
	});
}

const coalesce = unified(
	1,
	Infinity,
	(evals) => (row) => {
		for (const e of evals) {
			const v = e(row);
			if (v !== null) return v;
		}
		return null;
	},
	(cs) => cs.every((c) => c.nullable)
);

const nullif = unified(2, 2, ([a, b]) => (row) => {
	const x = (a as Eval)(row);
	const y = (b as Eval)(row);
	return x !== null && y !== null && valuesEqual(x, y) ? null : x;
});

const ifFn: FnSpec = {
	min: 3,
	max: 3,
	compile: ([c, a, b], _e, name, at) => {
		const boolish = (x: Compiled): boolean => x.type.kind === 'boolean' || x.type.kind === 'null';
		const cond = checkArgs([c], boolish, '"BOOLEAN"', name, at);
		if (!cond.ok) return cond;
		const u = unify([a ?? NULL_ARG, b ?? NULL_ARG], name, at);
		if (!u.ok) return u;
		const [x, y] = u.value.map((k) => k.eval) as [Eval, Eval];
		const test = (c as Compiled).eval;
		const type = u.value[0]?.type ?? DOUBLE;
		return ok(compiled(type, name, true, (row) => (test(row) === true ? x(row) : y(row))));
	}
};

function nullTest(wantNull: boolean): FnSpec {
	return {
		min: 1,
		max: 1,
		compile: ([a], _e, name) => {
			const e = (a ?? NULL_ARG).eval;
			return ok(compiled(BOOLEAN, name, false, (row) => (e(row) === null) === wantNull));
		}
	};
}

const div: FnSpec = {
	min: 2,
	max: 2,
	compile: (args, _e, name, at) => {
		const c = checkArgs(args, integralOrNull, '"INTEGRAL"', name, at);
		if (!c.ok) return c;
		const [a, b] = c.value as [Compiled, Compiled];
		const f = ([x, y]: Value[]): Value => {
			if (y === 0) throw divideByZero();
			return Math.trunc((x as number) / (y as number));
		};
		return ok(compiled(LONG, name, true, strictN([a.eval, b.eval], f)));
	}
};

const round: FnSpec = {
	min: 1,
	max: 2,
	compile: ([a, d], _e, name, at) => {
		const c = checkArgs([a], numericOrNull, '"NUMERIC"', name, at);
		if (!c.ok) return c;
		const x = c.value[0] as Compiled;
		const scale: Eval = d === undefined ? () => 0 : d.eval;
		const type = isIntegral(x.type) ? x.type : DOUBLE;
		const f = ([v, s]: Value[]): Value => roundHalfUp(v as number, s as number);
		return ok(compiled(type, name, true, strictN([x.eval, scale], f)));
	}
};

const isnan: FnSpec = {
	min: 1,
	max: 1,
	compile: (args, _e, name, at) => {
		const c = checkArgs(args, numericOrNull, '"DOUBLE"', name, at);
		if (!c.ok) return c;
		const e = (c.value[0] as Compiled).eval;
		return ok(compiled(BOOLEAN, name, false, (row) => Number.isNaN(e(row))));
	}
};

export const MATH_FUNCTIONS: Registry = {
	abs: numeric1(Math.abs, 'keep'),
	floor: numeric1(Math.floor, 'long'),
	ceil: numeric1(Math.ceil, 'long'),
	ceiling: numeric1(Math.ceil, 'long'),
	sqrt: numeric1(Math.sqrt, 'double'),
	exp: numeric1(Math.exp, 'double'),
	ln: numeric1((x) => (x <= 0 ? NaN : Math.log(x)), 'double'),
	log10: numeric1(Math.log10, 'double'),
	signum: numeric1(Math.sign, 'double'),
	pow: numeric2((a, b) => a ** b, 'double'),
	power: numeric2((a, b) => a ** b, 'double'),
	pmod: numeric2((a, b) => {
		if (b === 0) throw divideByZero();
		const r = a % b;
		return r < 0 ? (r + b) % b : r;
	}, 'wider'),
	div,
	round,
	greatest: extremum(1),
	least: extremum(-1),
	coalesce,
	nullif,
	if: ifFn,
	isnull: nullTest(true),
	isnotnull: nullTest(false),
	isnan,
	nanvl: numeric2((a, b) => (Number.isNaN(a) ? b : a), 'double')
};

export const MATH_ALIASES: Readonly<Record<string, string>> = {
	nvl: 'coalesce',
	ifnull: 'coalesce',
	sign: 'signum'
};
