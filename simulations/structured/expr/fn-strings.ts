/**
 * String functions: lower, upper, length, trim, concat, concat_ws, substring, split, like,
 * rlike, replace. Arguments of other atomic types are implicitly cast to STRING, as Spark's
 * ImplicitCastInputTypes does; split uses a regular expression and limit -1 (StringSplit keeps
 * trailing empty strings), substring is 1-based with Spark's handling of 0 and negative starts.
 */
import { ok, type Result } from '../../core/errors';
import type { Pos, Value } from './ast';
import { compiled, type Compiled, type Eval } from './context';
import { strict1, strictN, wrongType, type FnSpec, type Registry } from './fn-common';
import { coerce } from './ops';
import { ExprRuntimeError } from './runtime-error';
import { BOOLEAN, INT, STRING } from './types';

const STRINGY = '"STRING"';

/** The arguments cast to STRING; complex types are refused. */
function strings(args: readonly Compiled[], name: string, at: Pos): Result<Compiled[]> {
	const out: Compiled[] = [];
	for (const [i, a] of args.entries()) {
		const k = a.type.kind;
		if (k === 'array' || k === 'struct' || k === 'interval') {
			return wrongType(at, name, i, STRINGY, a);
		}
		out.push(coerce(a, STRING));
	}
	return ok(out);
}

function unary(f: (s: string) => Value, type = STRING): FnSpec {
	return {
		min: 1,
		max: 1,
		compile: (args, _e, name, at) => {
			const s = strings(args, name, at);
			if (!s.ok) return s;
			const [a] = s.value as [Compiled];
			return ok(
				compiled(
					type,
					name,
					a.nullable,
					strict1(a.eval, (v) => f(v as string))
				)
			);
		}
	};
}

/** A function of all its (string) arguments, NULL if any is NULL. */
function strict(min: number, max: number, type = STRING, f: (vs: string[]) => Value): FnSpec {
	return {
		min,
		max,
		compile: (args, _e, name, at) => {
			const s = strings(args, name, at);
			if (!s.ok) return s;
			const evals = s.value.map((c) => c.eval);
			return ok(
				compiled(
					type,
					name,
					true,
					strictN(evals, (vs) => f(vs as string[]))
				)
			);
		}
	};
}

/** Java's String.substring semantics behind Spark's UTF8String.substringSQL. */
function substringSQL(s: string, pos: number, len: number): string {
	const chars = Array.from(s);
	const start = pos > 0 ? pos - 1 : pos < 0 ? chars.length + pos : 0;
	const end = len === Infinity ? chars.length : start + len;
	return chars.slice(Math.max(start, 0), Math.max(Math.min(end, chars.length), 0)).join('');
}

const escapeRegExp = (c: string): string => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function likeToRegExp(pattern: string): RegExp {
	let re = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i] ?? '';
		if (c === '\\' && i + 1 < pattern.length) re += escapeRegExp(pattern[++i] ?? '');
		else if (c === '%') re += '[\\s\\S]*';
		else if (c === '_') re += '[\\s\\S]';
		else re += escapeRegExp(c);
	}
	return new RegExp(`^${re}$`);
}

/** A RegExp per distinct pattern string: patterns are almost always literals. */
function cached(make: (p: string) => RegExp): (p: string) => RegExp {
	let last = '';
	let re: RegExp | null = null;
	return (p) => {
		if (re === null || p !== last) {
			try {
				re = make(p);
			} catch {
				const message = `The value of parameter(s) \`regexp\` is invalid: '${p}'.`;
				throw new ExprRuntimeError('INVALID_PARAMETER_VALUE.PATTERN', message);
			}
			last = p;
		}
		return re;
	};
}

/** Java's split(regex, limit): limit > 0 keeps at most `limit` parts, the last one the rest. */
function splitJava(s: string, re: RegExp, limit: number): string[] {
	const parts = s.split(re);
	if (limit <= 0 || parts.length <= limit) return parts;
	let rest = s;
	for (let i = 0; i < limit - 1; i++) {
		const m = re.exec(rest);
		if (m === null) break;
		rest = rest.slice(m.index + Math.max(m[0].length, 1));
	}
	return [...parts.slice(0, limit - 1), rest];
}

function matcher(make: (p: string) => RegExp): FnSpec {
	const regex = cached(make);
	return strict(2, 2, BOOLEAN, ([v, p]) => regex(p ?? '').test(v ?? ''));
}

const concatWs: FnSpec = {
	min: 1,
	max: Infinity,
	compile: (args, _e, name, at) => {
		const s = strings(args, name, at);
		if (!s.ok) return s;
		const [sep, ...rest] = s.value.map((c) => c.eval) as [Eval, ...Eval[]];
		// concat_ws skips NULL arguments; only a NULL separator gives NULL.
		return ok(
			compiled(STRING, name, true, (row) => {
				const sv = sep(row);
				if (sv === null) return null;
				const parts: string[] = [];
				for (const e of rest) {
					const v = e(row);
					if (v !== null) parts.push(v as string);
				}
				return parts.join(sv as string);
			})
		);
	}
};

const substring: FnSpec = {
	min: 2,
	max: 3,
	compile: ([str, pos, len], _e, name, at) => {
		const s = strings(str === undefined ? [] : [str], name, at);
		if (!s.ok) return s;
		const [c] = s.value as [Compiled];
		const evals = [c.eval, (pos as Compiled).eval, ...(len === undefined ? [] : [len.eval])];
		const f = ([v, p, l]: Value[]): Value =>
			substringSQL(v as string, p as number, l === undefined ? Infinity : (l as number));
		return ok(compiled(STRING, name, true, strictN(evals, f)));
	}
};

const split: FnSpec = {
	min: 2,
	max: 3,
	compile: (args, _e, name, at) => {
		const s = strings(args.slice(0, 2), name, at);
		if (!s.ok) return s;
		const [str, pattern] = s.value as [Compiled, Compiled];
		const limit: Eval = args[2]?.eval ?? (() => -1);
		const regex = cached((p) => new RegExp(p));
		const f = ([v, p, l]: Value[]): Value =>
			splitJava(v as string, regex(p as string), l as number);
		const type = { kind: 'array', element: STRING } as const;
		return ok(compiled(type, name, true, strictN([str.eval, pattern.eval, limit], f)));
	}
};

export const STRING_FUNCTIONS: Registry = {
	lower: unary((s) => s.toLowerCase()),
	lcase: unary((s) => s.toLowerCase()),
	upper: unary((s) => s.toUpperCase()),
	ucase: unary((s) => s.toUpperCase()),
	length: unary((s) => Array.from(s).length, INT),
	char_length: unary((s) => Array.from(s).length, INT),
	trim: unary((s) => s.replace(/^ +| +$/g, '')),
	ltrim: unary((s) => s.replace(/^ +/, '')),
	rtrim: unary((s) => s.replace(/ +$/, '')),
	reverse: unary((s) => Array.from(s).reverse().join('')),
	concat: strict(0, Infinity, STRING, (vs) => vs.join('')),
	concat_ws: concatWs,
	substring,
	split,
	like: matcher(likeToRegExp),
	rlike: matcher((p) => new RegExp(p)),
	replace: strict(2, 3, STRING, ([v = '', from = '', to = '']) =>
		from === '' ? v : v.split(from).join(to)
	)
};

export const STRING_ALIASES: Readonly<Record<string, string>> = {
	substr: 'substring',
	regexp: 'rlike',
	regexp_like: 'rlike'
};
