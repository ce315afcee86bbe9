/**
 * f-strings: literal parts (with `{{`/`}}` and backslash escapes) around replacement fields that
 * are evaluated, converted with `!r`/`!s`, and formatted with a format spec such as `:.2f`, the
 * way CPython's f-string compiler does.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ExprEvaluator, Scope } from './expressions';
import { formatSpec, repr, str } from './format';
import { splitString, unescape } from './literals';
import { typeName } from './values';

export function formatString(ev: ExprEvaluator, n: SyntaxNode, scope: Scope): string {
	const raw = ev.text(n);
	const { prefix } = splitString(raw);
	const quoteLen = /^[a-zA-Z]*('''|""")/.test(raw) ? 3 : 1;
	let pos = n.from + prefix.length + quoteLen;
	const end = n.to - quoteLen;
	let out = '';
	const lit = (to: number) => {
		const s = ev.src.slice(pos, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
		out += prefix.includes('r') ? s : unescape(s, n);
	};
	for (const r of ev.kids(n)) {
		if (r.name !== 'FormatReplacement') continue;
		lit(r.from);
		const parts = ev.kids(r).filter((c) => c.name !== '{' && c.name !== '}');
		const expr = parts[0];
		if (!expr) throw ev.error('SyntaxError', 'f-string: empty expression not allowed', r);
		const v = ev.evalExpr(expr, scope);
		const conv = parts.find((c) => c.name === 'FormatConversion');
		const spec = parts.find((c) => c.name === 'FormatSpec');
		let s = conv && ev.text(conv) === '!r' ? repr(v) : str(v);
		if (spec) {
			const f = formatSpec(v, ev.text(spec).slice(1));
			if (f === undefined)
				throw ev.error(
					'ValueError',
					`Invalid format specifier '${ev.text(spec).slice(1)}' for object of type '${typeName(v)}'`,
					spec
				);
			s = f;
		}
		out += s;
		pos = r.to;
	}
	lit(end);
	return out;
}
