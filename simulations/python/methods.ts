/**
 * Methods of the built-in types (str, list, dict, tuple) as bound builtins: `line.split(",")`,
 * `s.extend(vs)`, `d.get(k, 0)`. List methods mutate in place and return None, as in Python,
 * which is why PySpark's own `a.extend(b) or a` idiom works.
 */
import { formatSpec, str } from './format';
import { items, makeDict, raise, sortValues } from './builtins';
import {
	PyBuiltin,
	PyDict,
	PyIterable,
	PyTuple,
	pyEquals,
	pyKey,
	truthy,
	typeName
} from './values';
import type { BuiltinImpl, PyValue } from './values';
import { pushAll, replaceAll } from '../core/arrays';

function needStr(v: PyValue, method: string, i = 1): string {
	if (typeof v !== 'string')
		throw raise('TypeError', `${method}() argument ${i} must be str, not ${typeName(v)}`);
	return v;
}

function split(s: string, sep: PyValue, maxsplit: number): string[] {
	if (sep === null) {
		const parts = s
			.trim()
			.split(/\s+/)
			.filter((p) => p !== '');
		if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
		const out: string[] = [];
		let rest = s.replace(/^\s+/, '');
		for (let i = 0; i < maxsplit; i++) {
			const m = /\s+/.exec(rest);
			if (!m) break;
			out.push(rest.slice(0, m.index));
			rest = rest.slice(m.index + m[0].length);
		}
		return [...out, rest];
	}
	const d = needStr(sep, 'split');
	if (d === '') throw raise('ValueError', 'empty separator');
	const parts = s.split(d);
	if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
	return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(d)];
}

function stripChars(s: string, chars: PyValue, left: boolean, right: boolean): string {
	const set = chars === null ? null : needStr(chars, 'strip');
	const strip = (c: string) => (set === null ? /\s/.test(c) : set.includes(c));
	let a = 0;
	let b = s.length;
	while (left && a < b && strip(s[a] ?? '')) a++;
	while (right && b > a && strip(s[b - 1] ?? '')) b--;
	return s.slice(a, b);
}

function affix(arg: PyValue, test: (p: string) => boolean, name: string): boolean {
	if (arg instanceof PyTuple) return arg.items.some((p) => test(needStr(p, name)));
	return test(needStr(arg, name));
}

function strFormat(
	s: string,
	args: readonly PyValue[],
	kwargs: ReadonlyMap<string, PyValue>
): string {
	let auto = 0;
	return s.replace(
		/\{\{|\}\}|\{([^{}:!]*)(?:![rs])?(?::([^{}]*))?\}/g,
		(m, field?: string, spec?: string) => {
			if (m === '{{') return '{';
			if (m === '}}') return '}';
			const v =
				field === undefined || field === ''
					? args[auto++]
					: /^\d+$/.test(field)
						? args[Number(field)]
						: kwargs.get(field);
			if (v === undefined)
				throw raise(
					field && !/^\d+$/.test(field) ? 'KeyError' : 'IndexError',
					field && !/^\d+$/.test(field)
						? `'${field}'`
						: 'Replacement index out of range for positional args tuple'
				);
			if (!spec) return str(v);
			const out = formatSpec(v, spec);
			if (out === undefined)
				throw raise(
					'ValueError',
					`Unknown format code in '${spec}' for object of type '${typeName(v)}'`
				);
			return out;
		}
	);
}

const strMethods: Record<
	string,
	(s: string, a: readonly PyValue[], kw: ReadonlyMap<string, PyValue>) => PyValue
> = {
	split: (s, a, kw) =>
		split(s, a[0] ?? kw.get('sep') ?? null, Number(a[1] ?? kw.get('maxsplit') ?? -1)),
	lower: (s) => s.toLowerCase(),
	upper: (s) => s.toUpperCase(),
	strip: (s, a) => stripChars(s, a[0] ?? null, true, true),
	lstrip: (s, a) => stripChars(s, a[0] ?? null, true, false),
	rstrip: (s, a) => stripChars(s, a[0] ?? null, false, true),
	startswith: (s, a) => affix(a[0] ?? null, (p) => s.startsWith(p), 'startswith'),
	endswith: (s, a) => affix(a[0] ?? null, (p) => s.endsWith(p), 'endswith'),
	replace: (s, a) => {
		const [o, n] = [needStr(a[0] ?? null, 'replace'), needStr(a[1] ?? null, 'replace', 2)];
		const count = Number(a[2] ?? -1);
		if (count < 0) return s.split(o).join(n);
		const parts = s.split(o);
		return (
			parts.slice(0, count + 1).join(n) +
			(parts.length > count + 1 ? o + parts.slice(count + 1).join(o) : '')
		);
	},
	join: (s, a) =>
		items(a[0] ?? null)
			.map((x, i) => {
				if (typeof x !== 'string')
					throw raise(
						'TypeError',
						`sequence item ${i}: expected str instance, ${typeName(x)} found`
					);
				return x;
			})
			.join(s),
	format: (s, a, kw) => strFormat(s, a, kw),
	find: (s, a) => s.indexOf(needStr(a[0] ?? null, 'find')),
	count: (s, a) => {
		const sub = needStr(a[0] ?? null, 'count');
		return sub === '' ? s.length + 1 : s.split(sub).length - 1;
	},
	isdigit: (s) => /^\d+$/.test(s),
	isalpha: (s) => /^\p{L}+$/u.test(s),
	title: (s) => s.replace(/\p{L}+/gu, (w) => w[0]?.toUpperCase() + w.slice(1).toLowerCase()),
	capitalize: (s) => (s[0] ?? '').toUpperCase() + s.slice(1).toLowerCase(),
	splitlines: (s) => s.split(/\r?\n/).filter((_, i, arr) => i < arr.length - 1 || arr[i] !== '')
};

function seqIndex(xs: readonly PyValue[], v: PyValue, what: string): number {
	const i = xs.findIndex((x) => pyEquals(x, v));
	if (i < 0) throw raise('ValueError', `${what}.index(x): x not in ${what}`);
	return i;
}

const listMethods: Record<
	string,
	| BuiltinImpl
	| ((
			xs: PyValue[],
			a: readonly PyValue[],
			kw: ReadonlyMap<string, PyValue>,
			call: Parameters<BuiltinImpl>[2]
	  ) => PyValue)
> = {
	append: (xs: PyValue[], a: readonly PyValue[]) => (xs.push(a[0] ?? null), null),
	extend: (xs: PyValue[], a: readonly PyValue[]) => (pushAll(xs, items(a[0] ?? null)), null),
	insert: (xs: PyValue[], a: readonly PyValue[]) => (
		xs.splice(Number(a[0] ?? 0), 0, a[1] ?? null),
		null
	),
	pop: (xs: PyValue[], a: readonly PyValue[]) => {
		if (xs.length === 0) throw raise('IndexError', 'pop from empty list');
		const i = a.length ? Number(a[0]) : xs.length - 1;
		const j = i < 0 ? xs.length + i : i;
		if (j < 0 || j >= xs.length) throw raise('IndexError', 'pop index out of range');
		return xs.splice(j, 1)[0] ?? null;
	},
	remove: (xs: PyValue[], a: readonly PyValue[]) => (
		xs.splice(seqIndex(xs, a[0] ?? null, 'list'), 1),
		null
	),
	index: (xs: PyValue[], a: readonly PyValue[]) => seqIndex(xs, a[0] ?? null, 'list'),
	count: (xs: PyValue[], a: readonly PyValue[]) =>
		xs.filter((x) => pyEquals(x, a[0] ?? null)).length,
	sort: (
		xs: PyValue[],
		_a: readonly PyValue[],
		kw: ReadonlyMap<string, PyValue>,
		call: Parameters<BuiltinImpl>[2]
	) => {
		const sorted = sortValues(xs, kw.get('key') ?? null, truthy(kw.get('reverse') ?? false), call);
		replaceAll(xs, sorted);
		return null;
	},
	reverse: (xs: PyValue[]) => (xs.reverse(), null),
	copy: (xs: PyValue[]) => [...xs],
	clear: (xs: PyValue[]) => (xs.splice(0, xs.length), null)
};

function dictMethod(d: PyDict, name: string): BuiltinImpl | undefined {
	const vals = () => [...d.entries.values()];
	switch (name) {
		case 'get':
			return (a) => d.entries.get(pyKey(a[0] ?? null, raise))?.[1] ?? a[1] ?? null;
		case 'items':
			return () =>
				new PyIterable(
					vals().map(([k, v]) => new PyTuple([k, v])),
					'dict_items'
				);
		case 'keys':
			return () =>
				new PyIterable(
					vals().map(([k]) => k),
					'dict_keys'
				);
		case 'values':
			return () =>
				new PyIterable(
					vals().map(([, v]) => v),
					'dict_values'
				);
		case 'setdefault':
			return (a) => {
				const k = pyKey(a[0] ?? null, raise);
				if (!d.entries.has(k)) d.entries.set(k, [a[0] ?? null, a[1] ?? null]);
				return d.entries.get(k)?.[1] ?? null;
			};
		case 'pop':
			return (a) => {
				const k = pyKey(a[0] ?? null, raise);
				const e = d.entries.get(k);
				if (!e) {
					if (a.length > 1) return a[1] ?? null;
					throw raise('KeyError', str(a[0] ?? null));
				}
				d.entries.delete(k);
				return e[1];
			};
		case 'update':
			return (a, kw) => {
				const src = a[0] instanceof PyDict ? a[0] : makeDict(a.length ? items(a[0] ?? null) : []);
				for (const [k, e] of src.entries) d.entries.set(k, e);
				for (const [k, v] of kw) d.entries.set(pyKey(k, raise), [k, v]);
				return null;
			};
		case 'copy':
			return () => {
				const c = new PyDict();
				for (const [k, e] of d.entries) c.entries.set(k, [...e]);
				return c;
			};
	}
	return undefined;
}

/** The bound method `name` of a built-in value, or undefined when the type has none. */
export function builtinMethod(v: PyValue, name: string): PyBuiltin | undefined {
	if (typeof v === 'string') {
		const m = strMethods[name];
		return m ? new PyBuiltin(name, (a, kw) => m(v, a, kw)) : undefined;
	}
	if (Array.isArray(v)) {
		const m = listMethods[name] as
			| ((
					xs: PyValue[],
					a: readonly PyValue[],
					kw: ReadonlyMap<string, PyValue>,
					call: Parameters<BuiltinImpl>[2]
			  ) => PyValue)
			| undefined;
		return m ? new PyBuiltin(name, (a, kw, call) => m(v, a, kw, call)) : undefined;
	}
	if (v instanceof PyTuple) {
		if (name === 'count')
			return new PyBuiltin(name, (a) => v.items.filter((x) => pyEquals(x, a[0] ?? null)).length);
		if (name === 'index')
			return new PyBuiltin(name, (a) => seqIndex(v.items, a[0] ?? null, 'tuple'));
		return undefined;
	}
	if (v instanceof PyDict) {
		const m = dictMethod(v, name);
		return m ? new PyBuiltin(name, m) : undefined;
	}
	return undefined;
}
