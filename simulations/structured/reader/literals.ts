/**
 * Python literal tokens as lezer-python hands them over: string literals (prefixes, quotes,
 * escapes, implicit concatenation) and numbers (`1_000`, `1e3`, `0x1f`). PySpark programs pass
 * interval strings, column names and SQL text this way, so they must decode exactly.
 */

import { SIMPLE_ESCAPES as ESCAPES } from '../../python/literals';

/** Decodes one string token; null for f-strings with placeholders (not modelled). */
export function decodeString(token: string): { value: string } | { error: string } {
	const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(token);
	if (!m) return { error: 'unreadable string literal' };
	const prefix = (m[1] ?? '').toLowerCase();
	const quote = m[2] ?? '"';
	const body = token.slice(m[0].length, token.length - quote.length);
	if (!token.endsWith(quote) || token.length < m[0].length + quote.length)
		return { error: 'unterminated string literal' };
	if (prefix.includes('f') && /\{[^{]/.test(body.replace(/\{\{/g, '')))
		return { error: 'f-strings with placeholders are not supported by the playground engine' };
	if (prefix.includes('r')) return { value: body };
	let out = '';
	for (let i = 0; i < body.length; i++) {
		const c = body[i] ?? '';
		if (c !== '\\') {
			out += c;
			continue;
		}
		const n = body[i + 1] ?? '';
		const esc = ESCAPES[n];
		if (esc !== undefined) {
			out += esc;
			i++;
		} else if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
			out += String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16));
			i += 3;
		} else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
			out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
			i += 5;
		} else out += c;
	}
	if (prefix.includes('f')) out = out.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
	return { value: out };
}

export function decodeNumber(token: string): { value: number; int: boolean } | null {
	const t = token.replace(/_/g, '');
	if (/^0[xX][0-9a-fA-F]+$/.test(t)) return { value: parseInt(t.slice(2), 16), int: true };
	if (/^0[oO][0-7]+$/.test(t)) return { value: parseInt(t.slice(2), 8), int: true };
	if (/^0[bB][01]+$/.test(t)) return { value: parseInt(t.slice(2), 2), int: true };
	if (/^\d+$/.test(t)) return { value: Number(t), int: true };
	if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { value: Number(t), int: false };
	return null;
}
