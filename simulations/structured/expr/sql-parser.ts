/**
 * Spark SQL expression text → Expr, for `F.expr`, `selectExpr` items (`x AS y`), `filter`/
 * `where` strings and join conditions. Precedence follows SqlBaseParser: OR < AND < NOT <
 * predicates (BETWEEN, IN, LIKE, IS NULL) on comparisons < + - || < * / % DIV < unary < postfix
 * (`.field`, `[i]`, `::type`). BETWEEN expands to `>= AND <=`, `!=`/`<>` keep Spark's NOT(=).
 */
import { err, ok, type Result, type SourceError } from '../../core/errors';
import type { BinaryOp, Expr, Pos } from './ast';
import { lexSql, SqlSyntaxError, type Token } from './sql-lexer';
import { parsePostfix, RESERVED } from './sql-primary';
import { BOOLEAN } from './types';

const MAX_DEPTH = 200;
/** Operators in one chain (left-deep, one tree level each). */
const MAX_CHAIN = 1000;
const TOO_DEEP = 'The expression is nested too deeply.';

const COMPARISONS: Readonly<Record<string, BinaryOp>> = {
	'=': '=',
	'==': '=',
	'<=>': '<=>',
	'!=': '!=',
	'<>': '!=',
	'<': '<',
	'<=': '<=',
	'>': '>',
	'>=': '>='
};

export class SqlParser {
	private i = 0;
	private depth = 0;

	constructor(
		private readonly tokens: readonly Token[],
		private readonly at: Pos | undefined
	) {}

	pos(offset: number): Pos {
		return this.at === undefined
			? { line: 1, column: offset + 1 }
			: { line: this.at.line, column: this.at.column + offset + 1 };
	}

	peek(ahead = 0): Token {
		const t = this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)];
		if (t === undefined) throw new SqlSyntaxError(0, 'Syntax error at or near end of input');
		return t;
	}

	next(): Token {
		const t = this.peek();
		if (t.kind !== 'eof') this.i++;
		return t;
	}

	isOp(text: string, ahead = 0): boolean {
		const t = this.peek(ahead);
		return t.kind === 'op' && t.text === text;
	}

	isKw(word: string, ahead = 0): boolean {
		const t = this.peek(ahead);
		return t.kind === 'ident' && t.text.toLowerCase() === word;
	}

	/** Spark's PARSE_SYNTAX_ERROR at a token. */
	fail(t: Token = this.peek()): never {
		const near =
			t.kind === 'eof'
				? 'end of input'
				: t.kind === 'string'
					? `''${t.text}''`
					: t.kind === 'qident'
						? `'\`${t.text}\`'`
						: `'${t.text}'`;
		throw new SqlSyntaxError(t.offset, `[PARSE_SYNTAX_ERROR] Syntax error at or near ${near}.`);
	}

	expectOp(text: string): Token {
		if (!this.isOp(text)) this.fail();
		return this.next();
	}

	expectKw(word: string): Token {
		if (!this.isKw(word)) this.fail();
		return this.next();
	}

	identifier(): string {
		const t = this.peek();
		if (t.kind === 'qident' || t.kind === 'ident') return this.next().text;
		return this.fail();
	}

	/** Depth of the binary trees built so far: a chain `a + a + ... + a` nests without passing
	 *  through nested(), and every later walk over the tree recurses once per level. */
	private readonly depthOf = new WeakMap<Expr, number>();

	binary(op: BinaryOp, left: Expr, right: Expr, offset: number): Expr {
		const depth = Math.max(this.depthOf.get(left) ?? 1, this.depthOf.get(right) ?? 1) + 1;
		if (depth > MAX_CHAIN) throw new SqlSyntaxError(offset, TOO_DEEP);
		const e: Expr = { kind: 'binary', op, left, right, at: this.pos(offset) };
		this.depthOf.set(e, depth);
		return e;
	}

	/** A selectExpr item: `expr [AS] alias`, or `*`. */
	parseNamed(): Expr {
		if (this.isOp('*') && this.peek(1).kind === 'eof') {
			return { kind: 'star', at: this.pos(this.next().offset) };
		}
		const start = this.peek().offset;
		const e = this.parseExpr();
		if (this.isKw('as')) this.next();
		else {
			const t = this.peek();
			const bareAlias = t.kind === 'ident' && !RESERVED.has(t.text.toLowerCase());
			if (!bareAlias && t.kind !== 'qident') return e;
		}
		return { kind: 'alias', expr: e, name: this.identifier(), at: this.pos(start) };
	}

	/** Each nesting level passes through here, so deep input fails cleanly. */
	private nested<T>(f: () => T): T {
		if (++this.depth > MAX_DEPTH) throw new SqlSyntaxError(this.peek().offset, TOO_DEEP);
		const r = f();
		this.depth--;
		return r;
	}

	parseExpr(): Expr {
		return this.nested(() => this.parseOr());
	}

	private parseOr(): Expr {
		let left = this.parseAnd();
		while (this.isKw('or')) {
			const t = this.next();
			left = this.binary('OR', left, this.parseAnd(), t.offset);
		}
		return left;
	}

	private parseAnd(): Expr {
		let left = this.parseNot();
		while (this.isKw('and')) {
			const t = this.next();
			left = this.binary('AND', left, this.parseNot(), t.offset);
		}
		return left;
	}

	private parseNot(): Expr {
		if (this.isKw('not') || this.isOp('!')) {
			const at = this.pos(this.next().offset);
			return { kind: 'unary', op: 'NOT', expr: this.nested(() => this.parseNot()), at };
		}
		return this.parsePredicated();
	}

	private parsePredicated(): Expr {
		let e = this.parseComparison();
		for (;;) {
			const t = this.peek();
			const at = this.pos(t.offset);
			const negated =
				this.isKw('not') && ['between', 'in', 'like', 'rlike'].some((w) => this.isKw(w, 1));
			if (negated) this.next();
			const wrap = (x: Expr): Expr => (negated ? { kind: 'unary', op: 'NOT', expr: x, at } : x);
			if (this.isKw('between')) {
				this.next();
				const lo = this.parseComparison();
				this.expectKw('and');
				const hi = this.parseComparison();
				const ge = this.binary('>=', e, lo, t.offset);
				e = wrap(this.binary('AND', ge, this.binary('<=', e, hi, t.offset), t.offset));
			} else if (this.isKw('in')) {
				this.next();
				this.expectOp('(');
				const list = [this.parseExpr()];
				while (this.isOp(',')) {
					this.next();
					list.push(this.parseExpr());
				}
				this.expectOp(')');
				e = wrap({ kind: 'in', expr: e, list, at });
			} else if (this.isKw('like') || this.isKw('rlike')) {
				const fn = this.next().text.toLowerCase();
				e = wrap({ kind: 'call', fn, args: [e, this.parseComparison()], at });
			} else if (this.isKw('is')) {
				this.next();
				const not = this.isKw('not');
				if (not) this.next();
				if (this.isKw('null')) {
					this.next();
					e = { kind: 'unary', op: not ? 'IS_NOT_NULL' : 'IS_NULL', expr: e, at };
				} else if (this.isKw('true') || this.isKw('false')) {
					const value = this.next().text.toLowerCase() === 'true';
					const test = this.binary('<=>', e, { kind: 'lit', value, type: BOOLEAN }, t.offset);
					e = not ? { kind: 'unary', op: 'NOT', expr: test, at } : test;
				} else this.fail();
			} else if (negated) this.fail();
			else return e;
		}
	}

	private parseComparison(): Expr {
		let left = this.parseAdditive();
		for (;;) {
			const t = this.peek();
			const op = t.kind === 'op' ? COMPARISONS[t.text] : undefined;
			if (op === undefined) return left;
			this.next();
			left = this.binary(op, left, this.parseAdditive(), t.offset);
		}
	}

	private parseAdditive(): Expr {
		let left = this.parseMultiplicative();
		for (;;) {
			const t = this.peek();
			if (this.isOp('+') || this.isOp('-')) {
				this.next();
				left = this.binary(t.text as BinaryOp, left, this.parseMultiplicative(), t.offset);
			} else if (this.isOp('||')) {
				this.next();
				const args = [left, this.parseMultiplicative()];
				left = { kind: 'call', fn: 'concat', args, at: this.pos(t.offset) };
			} else return left;
		}
	}

	private parseMultiplicative(): Expr {
		let left = this.parseUnary();
		for (;;) {
			const t = this.peek();
			if (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
				this.next();
				left = this.binary(t.text as BinaryOp, left, this.parseUnary(), t.offset);
			} else if (this.isKw('div')) {
				this.next();
				const args = [left, this.parseUnary()];
				left = { kind: 'call', fn: 'div', args, at: this.pos(t.offset) };
			} else return left;
		}
	}

	private parseUnary(): Expr {
		const t = this.peek();
		if (!this.isOp('-') && !this.isOp('+')) return parsePostfix(this);
		this.next();
		const operand = this.nested(() => this.parseUnary());
		if (t.text === '+') return operand;
		const at = this.pos(t.offset);
		// `-5` is one literal in Spark's grammar (number: MINUS? INTEGER_VALUE), not (- 5).
		const literal = operand.kind === 'lit' && typeof operand.value === 'number';
		if (literal && this.tokens[this.i - 1]?.kind === 'number') {
			return { ...operand, value: -(operand.value as number), at };
		}
		return { kind: 'unary', op: 'NEGATE', expr: operand, at };
	}
}

/** Spark SQL expression text → Expr. `at` is where the Python string literal starts, so errors
 *  and node positions map into the program (one-line strings). */
export function parseSqlExpr(text: string, at?: Pos): Result<Expr> {
	const toError = (offset: number, message: string): SourceError => {
		const column = at === undefined ? offset + 1 : at.column + offset + 1;
		return { line: at?.line ?? 1, column, message };
	};
	const lexed = lexSql(text);
	if (!lexed.ok) {
		const m = lexed.error.message;
		const message = m.startsWith('[') ? m : `[PARSE_SYNTAX_ERROR] ${m}.`;
		return err(toError(lexed.error.offset, message));
	}
	const parser = new SqlParser(lexed.value, at);
	try {
		const e = parser.parseNamed();
		if (parser.peek().kind !== 'eof') parser.fail();
		return ok(e);
	} catch (e) {
		if (e instanceof SqlSyntaxError) return err(toError(e.offset, e.message));
		if (e instanceof RangeError) return err(toError(0, TOO_DEEP));
		throw e;
	}
}
