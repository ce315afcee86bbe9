/**
 * Arrays, structs and generators: array(...), struct(...) (fields named after their columns,
 * `col<n>` otherwise, as CreateStruct), named_struct, size, element_at (1-based), `a[i]`
 * (0-based), array_contains, and explode/explode_outer. A generator compiles to the type of ONE
 * generated value (its output column, named `col`) and evaluates to the list of values per row:
 * the executor's Generate node expands it (explode drops rows with NULL or empty arrays).
 */
import { ok } from '../../core/errors';
import type { DataType, StructField, Value } from './ast';
import { valuesEqual } from './compare';
import { compiled, type Compiled, type Eval } from './context';
import { checkArgs, strict1, strictN, wrongType, type FnSpec, type Registry } from './fn-common';
import { coerce } from './ops';
import { ExprRuntimeError } from './runtime-error';
import { BOOLEAN, INT, NULL_TYPE, commonType } from './types';

type ArrayType = DataType & { kind: 'array' };

const isArray = (c: Compiled): boolean => c.type.kind === 'array';
const elementOf = (c: Compiled): DataType => (c.type as ArrayType).element;

function generator(outer: boolean): FnSpec {
	return {
		min: 1,
		max: 1,
		compile: (args, _e, name, at) => {
			const c = checkArgs(args, isArray, '("ARRAY" or "MAP")', name, at);
			if (!c.ok) return c;
			const a = c.value[0] as Compiled;
			const e = a.eval;
			// explode_outer yields one NULL for a NULL or empty array; explode yields nothing.
			const fn: Eval = outer
				? (row) => {
						const v = e(row) as readonly Value[] | null;
						return v === null || v.length === 0 ? [null] : v;
					}
				: (row) => e(row) ?? [];
			return ok(compiled(elementOf(a), name, true, fn));
		}
	};
}

/** The generator functions: the executor's Generate node expands their result. */
export const GENERATORS = new Set(['explode', 'explode_outer']);

const array: FnSpec = {
	min: 0,
	max: Infinity,
	compile: (args, _e, name, at) => {
		let element: DataType = NULL_TYPE;
		for (const [i, a] of args.entries()) {
			const next = commonType(element, a.type);
			if (next === null) return wrongType(at, name, i, `"${element.kind.toUpperCase()}"`, a);
			element = next;
		}
		const evals = args.map((a) => coerce(a, element).eval);
		const type = { kind: 'array', element } as const;
		return ok(compiled(type, name, false, (row) => evals.map((e) => e(row))));
	}
};

function structOf(fields: readonly StructField[], evals: readonly Eval[], name: string): Compiled {
	const names = fields.map((f) => f.name);
	return compiled({ kind: 'struct', fields }, name, false, (row) => {
		const o: { [f: string]: Value } = {};
		for (let i = 0; i < evals.length; i++) o[names[i] as string] = (evals[i] as Eval)(row);
		return o;
	});
}

const struct: FnSpec = {
	min: 1,
	max: Infinity,
	compile: (args, exprs, name) => {
		const fields = args.map((a, i): StructField => {
			const x = exprs[i];
			const named = x?.kind === 'col' || x?.kind === 'alias' || x?.kind === 'field';
			return { name: named ? a.name : `col${i + 1}`, type: a.type };
		});
		return ok(
			structOf(
				fields,
				args.map((a) => a.eval),
				name
			)
		);
	}
};

const namedStruct: FnSpec = {
	min: 2,
	max: Infinity,
	compile: (args, exprs, name, at) => {
		const fields: StructField[] = [];
		const evals: Eval[] = [];
		for (let i = 0; i + 1 < args.length; i += 2) {
			const key = exprs[i];
			const value = args[i + 1] as Compiled;
			if (key?.kind !== 'lit' || typeof key.value !== 'string') {
				return wrongType(at, name, i, '"STRING" literal', args[i]);
			}
			fields.push({ name: key.value, type: value.type });
			evals.push(value.eval);
		}
		return ok(structOf(fields, evals, name));
	}
};

const size: FnSpec = {
	min: 1,
	max: 1,
	compile: (args, _e, name, at) => {
		const c = checkArgs(args, isArray, '("ARRAY" or "MAP")', name, at);
		if (!c.ok) return c;
		const e = (c.value[0] as Compiled).eval;
		return ok(
			compiled(
				INT,
				name,
				true,
				strict1(e, (v) => (v as readonly Value[]).length)
			)
		);
	}
};

/** `base` 1 for element_at (negative counts from the end), 0 for `a[i]`. */
function indexer(base: 0 | 1): FnSpec {
	return {
		min: 2,
		max: 2,
		compile: ([a, i], _e, name, at) => {
			const c = checkArgs([a], isArray, '"ARRAY"', name, at);
			if (!c.ok) return c;
			const arr = c.value[0] as Compiled;
			const f = ([v, n]: Value[]): Value => {
				const xs = v as readonly Value[];
				const k = n as number;
				if (base === 1 && k === 0) {
					const message =
						'The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).';
					throw new ExprRuntimeError('INVALID_INDEX_OF_ZERO', message);
				}
				const idx = base === 0 ? k : k > 0 ? k - 1 : xs.length + k;
				if (idx < 0 || idx >= xs.length) {
					const errorClass =
						base === 1 ? 'INVALID_ARRAY_INDEX_IN_ELEMENT_AT' : 'INVALID_ARRAY_INDEX';
					const message = `The index ${k} is out of bounds. The array has ${xs.length} elements.`;
					throw new ExprRuntimeError(errorClass, message);
				}
				return xs[idx] ?? null;
			};
			return ok(compiled(elementOf(arr), name, true, strictN([arr.eval, (i as Compiled).eval], f)));
		}
	};
}

const arrayContains: FnSpec = {
	min: 2,
	max: 2,
	compile: ([a, x], _e, name, at) => {
		const c = checkArgs([a], isArray, '"ARRAY"', name, at);
		if (!c.ok) return c;
		const f = ([v, y]: Value[]): Value => {
			const xs = v as readonly Value[];
			if (xs.some((z) => z !== null && valuesEqual(z, y as Value))) return true;
			return xs.includes(null) ? null : false;
		};
		const evals = [(c.value[0] as Compiled).eval, (x as Compiled).eval];
		return ok(compiled(BOOLEAN, name, true, strictN(evals, f)));
	}
};

export const COLLECTION_FUNCTIONS: Registry = {
	array,
	struct,
	named_struct: namedStruct,
	size,
	element_at: indexer(1),
	element_at_index: indexer(0),
	array_contains: arrayContains,
	explode: generator(false),
	explode_outer: generator(true)
};
