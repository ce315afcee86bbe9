/**
 * Python's str() and repr() of subset values, so pprint output, `str(x)` keys and f-strings read
 * exactly as in PySpark: floats keep their `.0` and switch to exponent notation outside
 * 1e-4 <= |x| < 1e16 (float_repr_style 'short'), strings repr with single quotes.
 */
import { PyBuiltin, PyDict, PyFloat, PyFunction, PyIterable, PyModule, PyTuple } from './values';
import type { PyValue } from './values';

export function floatRepr(x: number): string {
	if (Number.isNaN(x)) return 'nan';
	if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
	if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
	// toExponential() without digits gives the shortest round-trip digits, as Python's repr does.
	const [mant = '', expPart = '0'] = x.toExponential().split('e');
	const exp = Number(expPart);
	if (exp >= -5 + 1 && exp < 16) {
		const s = String(x);
		if (s.includes('e')) return fixedFromExp(mant, exp);
		return s.includes('.') ? s : `${s}.0`;
	}
	const sign = exp < 0 ? '-' : '+';
	const digits = String(Math.abs(exp)).padStart(2, '0');
	return `${mant}e${sign}${digits}`;
}

function fixedFromExp(mant: string, exp: number): string {
	const neg = mant.startsWith('-');
	const digits = mant.replace('-', '').replace('.', '');
	let out: string;
	if (exp < 0) out = `0.${'0'.repeat(-exp - 1)}${digits}`;
	else if (digits.length <= exp + 1) out = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
	else out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
	return neg ? `-${out}` : out;
}

export function strRepr(s: string): string {
	const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
	let out = quote;
	for (const ch of s) {
		const c = ch.codePointAt(0) ?? 0;
		if (ch === '\\') out += '\\\\';
		else if (ch === quote) out += `\\${quote}`;
		else if (ch === '\n') out += '\\n';
		else if (ch === '\r') out += '\\r';
		else if (ch === '\t') out += '\\t';
		else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
		else out += ch;
	}
	return out + quote;
}

export function repr(v: PyValue): string {
	if (v === null) return 'None';
	if (typeof v === 'boolean') return v ? 'True' : 'False';
	if (typeof v === 'number') return String(v);
	if (typeof v === 'string') return strRepr(v);
	if (v instanceof PyFloat) return floatRepr(v.v);
	if (v instanceof PyTuple) {
		const inner = v.items.map(repr).join(', ');
		return v.items.length === 1 ? `(${inner},)` : `(${inner})`;
	}
	if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
	if (v instanceof PyDict) {
		return `{${[...v.entries.values()].map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(', ')}}`;
	}
	if (v instanceof PyIterable) {
		if (v.typeName === 'dict_items' || v.typeName === 'dict_keys' || v.typeName === 'dict_values') {
			return `${v.typeName}([${v.items.map(repr).join(', ')}])`;
		}
		return `<${v.typeName} object>`;
	}
	if (v instanceof PyFunction) return `<function ${v.name}>`;
	if (v instanceof PyBuiltin) return `<built-in function ${v.name}>`;
	if (v instanceof PyModule) return `<module '${v.name}'>`;
	return v.reprText() ?? `<${v.typeName} object>`;
}

export function str(v: PyValue): string {
	return typeof v === 'string' ? v : repr(v);
}

/** A format spec as f-strings and str.format use it: fill/align, sign, width, `,`, `.N`, type. */
export function formatSpec(v: PyValue, spec: string): string | undefined {
	const m = /^(?:(.)?([<>^]))?([+\- ])?(0)?(\d+)?(,)?(?:\.(\d+))?([sdfeg%])?$/.exec(spec);
	if (!m) return undefined;
	const [, fill = ' ', align, sign, zero, width, comma, prec, type] = m;
	const num =
		typeof v === 'number'
			? v
			: v instanceof PyFloat
				? v.v
				: typeof v === 'boolean'
					? Number(v)
					: undefined;
	let body: string;
	if (type === 's' || (type === undefined && num === undefined)) {
		if (type === 's' && typeof v !== 'string') return undefined;
		body = str(v);
		if (prec !== undefined) body = body.slice(0, Number(prec));
	} else {
		if (num === undefined) return undefined;
		if (type === 'd' && !(typeof v === 'number')) return undefined;
		if (type === 'f' || (type === undefined && prec !== undefined))
			body = toFixedPy(num, Number(prec ?? 6));
		else if (type === 'e') body = expPy(num.toExponential(Number(prec ?? 6)));
		else if (type === '%') body = `${toFixedPy(num * 100, Number(prec ?? 6))}%`;
		else if (type === 'g') body = String(Number(num.toPrecision(Number(prec ?? 6))));
		else body = type === 'd' ? String(num) : str(v);
		if (comma) {
			const [i = '', f] = body.split('.');
			body = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f !== undefined ? `.${f}` : '');
		}
		if (sign === '+' && num >= 0) body = `+${body}`;
		else if (sign === ' ' && num >= 0) body = ` ${body}`;
	}
	const w = Number(width ?? 0);
	if (body.length >= w) return body;
	const pad = w - body.length;
	const padChar = zero && !align ? '0' : fill;
	const a = align ?? (num !== undefined && type !== 's' ? '>' : '<');
	if (zero && !align && /^[+\- ]/.test(body)) return body[0] + '0'.repeat(pad) + body.slice(1);
	if (a === '<') return body + padChar.repeat(pad);
	if (a === '^')
		return padChar.repeat(Math.floor(pad / 2)) + body + padChar.repeat(Math.ceil(pad / 2));
	return padChar.repeat(pad) + body;
}

function expPy(s: string): string {
	return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** `x.toFixed(d)` with Python's rounding: the exact binary value, ties to even (format(2.25, '.1f')
 *  is '2.2' where JavaScript gives '2.3'). */
export function toFixedPy(x: number, d: number): string {
	if (!Number.isFinite(x)) return floatRepr(x);
	const digits = Math.max(0, Math.min(d, 20));
	if (Math.abs(x) >= 1e21) return x.toFixed(digits);
	const exact = Math.abs(x).toFixed(Math.min(100, digits + 30));
	const [ip = '0', fp = ''] = exact.split('.');
	const keep = ip + fp.slice(0, digits);
	const rest = fp.slice(digits);
	const first = Number(rest[0] ?? '0');
	const tail = rest.slice(1).replace(/0+$/, '');
	const lastKept = Number(keep[keep.length - 1] ?? '0');
	const up = first > 5 || (first === 5 && (tail !== '' || lastKept % 2 === 1));
	let n = BigInt(keep);
	if (up) n += 1n;
	let s = n.toString().padStart(digits + 1, '0');
	if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
	return x < 0 || Object.is(x, -0) ? `-${s}` : s;
}
