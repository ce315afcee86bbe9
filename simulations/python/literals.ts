/**
 * Python literal syntax: integers (decimal, 0x, 0o, 0b, underscores), floats, and string
 * literals with their prefixes (r, u; f is handled by the evaluator) and backslash escapes.
 * Bytes and complex literals are outside the subset.
 */
import { PyException, notSupported } from './errors';
import type { Span } from './errors';
import { PyFloat } from './values';

export function parseNumber(text: string, span: Span): number | PyFloat {
	const t = text.replace(/_/g, '');
	if (/[jJ]$/.test(t)) throw notSupported('Complex numbers', span);
	if (/^0[xX]/.test(t)) return checkedInt(parseInt(t.slice(2), 16), span);
	if (/^0[oO]/.test(t)) return checkedInt(parseInt(t.slice(2), 8), span);
	if (/^0[bB]/.test(t)) return checkedInt(parseInt(t.slice(2), 2), span);
	if (/[.eE]/.test(t)) return new PyFloat(Number(t));
	return checkedInt(Number(t), span);
}

function checkedInt(n: number, span: Span): number {
	if (!Number.isSafeInteger(n)) {
		throw new PyException(
			'OverflowError',
			'integer literal exceeds the simulator range (2**53)',
			span
		);
	}
	return n;
}

/** Python's one-character escapes (`\n`, `\t`, …, a backslash-newline continues the line):
 *  the interpreter's literals and the structured reader's decode them alike. */
export const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
	n: '\n',
	t: '\t',
	r: '\r',
	'\\': '\\',
	"'": "'",
	'"': '"',
	'0': '\0',
	a: '\x07',
	b: '\b',
	f: '\f',
	v: '\v',
	'\n': ''
};

/** The prefix (lower-cased) and the raw body between the quotes. */
export function splitString(text: string): { prefix: string; body: string } {
	const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(text);
	const prefix = (m?.[1] ?? '').toLowerCase();
	const quote = m?.[2] ?? '"';
	const start = prefix.length + quote.length;
	const end =
		text.endsWith(quote) && text.length >= start + quote.length
			? text.length - quote.length
			: text.length;
	return { prefix, body: text.slice(start, end) };
}

export function unescape(body: string, span: Span): string {
	// CPython's decoder errors, as the compiler reports them for a literal.
	const unicodeError = (at: number, len: number, why: string) =>
		new PyException(
			'SyntaxError',
			`(unicode error) 'unicodeescape' codec can't decode bytes in position ${at}-${at + len - 1}: ${why}`,
			span
		);
	return body.replace(
		/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|[\s\S])/g,
		(m, e: string, at: number) => {
			const simple = SIMPLE_ESCAPES[e];
			if (simple !== undefined) return simple;
			if (e === 'x' || e === 'u' || e === 'U') {
				const form = { x: '\\xXX', u: '\\uXXXX', U: '\\UXXXXXXXX' }[e];
				const digits = /^[0-9a-fA-F]*/.exec(body.slice(at + 2))?.[0].length ?? 0;
				throw unicodeError(at, 2 + digits, `truncated ${form} escape`);
			}
			if (/^[xuU]/.test(e)) {
				const cp = parseInt(e.slice(1), 16);
				if (cp > 0x10ffff) throw unicodeError(at, m.length, 'illegal Unicode character');
				return String.fromCodePoint(cp);
			}
			if (/^[0-7]+$/.test(e)) return String.fromCodePoint(parseInt(e, 8));
			if (e.startsWith('N{')) throw notSupported('Named unicode escapes (\\N{...})', span);
			return m;
		}
	);
}

export function parseString(text: string, span: Span): string {
	const { prefix, body } = splitString(text);
	if (prefix.includes('b')) throw notSupported('Bytes literals', span);
	return prefix.includes('r') ? body : unescape(body, span);
}
