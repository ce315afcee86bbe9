/**
 * An edited program in a share link: `code=` holds the UTF-8 text as base64url (RFC 4648 §5, no
 * padding), so every character survives and the value needs no further escaping. A link carries
 * it only when the program differs from the one the parameters render. Plain, not compressed:
 * the address bar is written synchronously on every change, and CompressionStream is async.
 * Reading never throws: an unreadable or oversized value is refused with a notice.
 */

export const CODE_KEY = 'code';
/** ~4.5 KB of program: with the rest of the state a link stays under the ~8 KB that browsers,
 *  chat apps and servers all accept. The page's programs are 1–2 KB. */
export const MAX_CODE_CHARS = 6000;

export type EncodedProgram =
	{ readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

export function encodeProgram(code: string): EncodedProgram {
	const value = toBase64Url(new TextEncoder().encode(code));
	if (value.length <= MAX_CODE_CHARS) return { ok: true, value };
	const max = Math.floor((MAX_CODE_CHARS * 3) / 4);
	return {
		ok: false,
		reason: `the edited program (${code.length} characters) is longer than a link holds (about ${max})`
	};
}

export type DecodedProgram =
	{ readonly ok: true; readonly code: string } | { readonly ok: false; readonly notice: string };

export function decodeProgram(raw: string): DecodedProgram {
	const refuse = (why: string): DecodedProgram => ({
		ok: false,
		notice: `The program in the link (“${CODE_KEY}”) ${why}; showing the page’s program instead.`
	});
	if (raw.length > MAX_CODE_CHARS) {
		return refuse(`is ${raw.length} characters long, more than the ${MAX_CODE_CHARS} a link holds`);
	}
	// A lone trailing character cannot come from whole bytes (length ≡ 1 mod 4).
	if (!/^[A-Za-z0-9_-]*$/.test(raw) || raw.length % 4 === 1) {
		return refuse('is not base64url text');
	}
	try {
		const code = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(raw));
		return code.trim() === '' ? refuse('is empty') : { ok: true, code };
	} catch {
		return refuse('is not UTF-8 text');
	}
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64Url(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
		const n = (a << 16) | (b << 8) | c;
		const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
		for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
	}
	return out;
}

/** Bytes of a base64url string already checked against the alphabet and length. */
function fromBase64Url(s: string): Uint8Array {
	const out = new Uint8Array(Math.floor((s.length * 6) / 8));
	let bits = 0;
	let acc = 0;
	let j = 0;
	for (const ch of s) {
		acc = ((acc << 6) | ALPHABET.indexOf(ch)) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[j++] = (acc >> bits) & 0xff;
		}
	}
	return out;
}

/** What a bound program offers a link: its text, and the text its parameters render. */
export interface LinkedProgram {
	code: string;
	readonly seed: number;
	reseed(seed: number): void;
}

/**
 * Sets `code=` on `query` when `code` is not what the parameters render (and removes a stale
 * one when it is). Returns why the program could not go in the link, or null.
 */
export function writeProgram(
	query: URLSearchParams,
	code: string,
	rendered: string
): string | null {
	query.delete(CODE_KEY);
	if (code === rendered) return null;
	const encoded = encodeProgram(code);
	if (encoded.ok) {
		query.set(CODE_KEY, encoded.value);
		return null;
	}
	return `${encoded.reason}, so it carries the page’s program instead`;
}

/**
 * Puts a link's program on a bound program and re-runs it, as the editor would (an error
 * becomes a marker). Call after the link's parameters are applied: their rewrites must not touch
 * the lines the reader edited. Returns a notice when the value is refused, else null.
 */
export function readProgram(query: URLSearchParams, program: LinkedProgram): string | null {
	const raw = query.get(CODE_KEY);
	if (raw === null) return null;
	const decoded = decodeProgram(raw);
	if (!decoded.ok) return decoded.notice;
	if (decoded.code !== program.code) {
		program.code = decoded.code;
		program.reseed(program.seed);
	}
	return null;
}

/** What a Copy link button says when an edited program cannot go in the link, else null. */
export const programCaveat = (code: string, rendered: string): string | null =>
	code !== rendered && !encodeProgram(code).ok
		? 'Your edited program is too long for a link: it carries the page’s program, the parameters, seed and batch.'
		: null;
