/**
 * Tokens of Spark SQL expression text (the SqlBaseLexer subset `F.expr`, `selectExpr` and
 * `filter("...")` strings use): identifiers (`backquoted` too), numbers with Spark's type
 * suffixes (10L, 1.5D), strings in single or double quotes with backslash escapes, and the
 * operators of SqlBaseParser's valueExpression/booleanExpression. Offsets are 0-based.
 */
import { err, ok, type Result } from '../../core/errors';

export type TokenKind = 'ident' | 'qident' | 'number' | 'string' | 'op' | 'eof';

export interface Token {
	readonly kind: TokenKind;
	/** Identifier text (unquoted), the string's value, the number's text, or the operator. */
	readonly text: string;
	readonly offset: number;
}

/** Thrown only inside the SQL parser and caught by parseSqlExpr: recursive descent unwinds with
 *  it. */
export class SqlSyntaxError {
	constructor(
		readonly offset: number,
		readonly message: string
	) {}
}

export interface LexError {
	readonly offset: number;
	readonly message: string;
}

/** Longest first, so `<=>` is not read as `<=` then `>`. */
const OPERATORS = [
	'<=>',
	'==',
	'!=',
	'<>',
	'<=',
	'>=',
	'||',
	'::',
	'+',
	'-',
	'*',
	'/',
	'%',
	'=',
	'<',
	'>',
	'(',
	')',
	',',
	'.',
	'!',
	'[',
	']',
	'&',
	'|',
	'^',
	'~'
];

const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isIdentPart = (c: string): boolean => /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b' };

export function lexSql(text: string): Result<Token[], LexError> {
	const tokens: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i] ?? '';
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		const start = i;
		if (c === "'" || c === '"') {
			let value = '';
			i++;
			let closed = false;
			while (i < text.length) {
				const d = text[i] ?? '';
				if (d === '\\' && i + 1 < text.length) {
					const e = text[i + 1] ?? '';
					value += ESCAPES[e] ?? e;
					i += 2;
				} else if (d === c) {
					i++;
					closed = true;
					break;
				} else {
					value += d;
					i++;
				}
			}
			if (!closed) return err({ offset: start, message: 'unterminated string literal' });
			tokens.push({ kind: 'string', text: value, offset: start });
		} else if (c === '`') {
			const end = text.indexOf('`', i + 1);
			if (end < 0) return err({ offset: start, message: 'unterminated quoted identifier' });
			tokens.push({ kind: 'qident', text: text.slice(i + 1, end), offset: start });
			i = end + 1;
		} else if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
			while (isDigit(text[i] ?? '')) i++;
			if (text[i] === '.' && !isIdentStart(text[i + 1] ?? '')) {
				i++;
				while (isDigit(text[i] ?? '')) i++;
			}
			if (/[eE]/.test(text[i] ?? '') && /[+-]?\d/.test(text.slice(i + 1, i + 3))) {
				i += /[+-]/.test(text[i + 1] ?? '') ? 2 : 1;
				while (isDigit(text[i] ?? '')) i++;
			}
			const suffix = /^(BD|L|S|Y|D|F)(?![A-Za-z0-9_])/i.exec(text.slice(i));
			if (suffix !== null) i += suffix[0].length;
			else if (isIdentPart(text[i] ?? '')) {
				// `1a` is an identifier in Spark SQL only when it mixes letters; keep it simple:
				// digits glued to letters are a syntax error at the letter.
				return err({ offset: i, message: `Syntax error at or near '${text.slice(start, i + 1)}'` });
			}
			tokens.push({ kind: 'number', text: text.slice(start, i), offset: start });
		} else if (isIdentStart(c)) {
			while (isIdentPart(text[i] ?? '')) i++;
			tokens.push({ kind: 'ident', text: text.slice(start, i), offset: start });
		} else {
			const op = OPERATORS.find((o) => text.startsWith(o, i));
			if (op === undefined) return err({ offset: i, message: `Syntax error at or near '${c}'` });
			tokens.push({ kind: 'op', text: op, offset: start });
			i += op.length;
		}
	}
	tokens.push({ kind: 'eof', text: '', offset: text.length });
	return ok(tokens);
}
