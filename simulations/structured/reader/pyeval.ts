/**
 * The walk over lezer-python's tree: module-level statements (imports, assignments, `def`,
 * expression statements) and the expressions PySpark programs are written in (calls, attribute
 * and subscript access, operators, literals). It is not a Python interpreter: there is no
 * control flow, and every construct outside this subset is reported where it is written.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Pos } from '../expr/ast';
import type { Args, Arg } from './args';
import { fail, LineIndex } from './errors';
import { decodeNumber, decodeString } from './literals';
import { binaryOp, unaryOp } from './operators';
import { callMethod, callValue, getAttr, subscript } from './dispatch';
import { importStatement } from './imports';
import type { ReaderState } from './state';
import { NONE, type PyValue } from './values';

/** Children without comments, which lezer places anywhere inside an expression. */
export function kids(n: SyntaxNode): SyntaxNode[] {
	const out: SyntaxNode[] = [];
	for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
	return out;
}

const STATEMENTS =
	'imports, constant and DataFrame assignments, `def` (as a foreachBatch target), ' +
	'`spark.conf.set(...)` and `query.awaitTermination()`';

export class Walker {
	readonly lines: LineIndex;
	constructor(
		readonly text: string,
		readonly state: ReaderState
	) {
		this.lines = new LineIndex(text);
	}

	pos(n: SyntaxNode): Pos {
		return this.lines.pos(n.from);
	}

	src(n: SyntaxNode): string {
		return this.text.slice(n.from, n.to);
	}

	script(top: SyntaxNode): void {
		for (let n = top.firstChild; n; n = n.nextSibling) {
			// lezer-python accepts a stray indent; Python does not.
			if (n.name !== 'Comment' && this.pos(n).column !== 1)
				fail(
					this.pos(n),
					'IndentationError: unexpected indent'
				);
			this.statement(n);
		}
	}

	private statement(n: SyntaxNode): void {
		switch (n.name) {
			case 'Comment':
			case 'PassStatement':
			case ';':
				return;
			case 'ImportStatement':
				return importStatement(this, n);
			case 'AssignStatement':
				return this.assign(n);
			case 'ExpressionStatement': {
				const e = kids(n)[0];
				if (e) this.expr(e);
				return;
			}
			case 'FunctionDefinition':
				return this.def(n);
			case 'IfStatement':
				return this.ifMain(n);
			case '⚠':
				return fail(this.pos(n), 'Python syntax error');
			default:
				return fail(
					this.pos(n),
					`${statementName(n.name)} are not supported by the playground engine`,
					`Supported statements: ${STATEMENTS}.`
				);
		}
	}

	/** `if __name__ == "__main__":` wraps the whole program in many scripts: walk its body. */
	private ifMain(n: SyntaxNode): void {
		const cond = n.getChild('BinaryExpression');
		const body = n.getChild('Body');
		if (!cond || !body || !/^__name__\s*==\s*["']__main__["']$/.test(this.src(cond)) || n.getChild('else') || n.getChild('elif'))
			return fail(
				this.pos(n),
				'`if` statements are not supported by the playground engine',
				`Supported statements: ${STATEMENTS}.`
			);
		for (let c = body.firstChild; c; c = c.nextSibling) if (c.name !== ':') this.statement(c);
	}

	private def(n: SyntaxNode): void {
		const name = n.getChild('VariableName');
		if (!name) return fail(this.pos(n), 'Python syntax error');
		this.state.env.set(this.src(name), { t: 'def', name: this.src(name) });
	}

	private assign(n: SyntaxNode): void {
		const parts = kids(n);
		const ops = parts.filter((k) => k.name === 'AssignOp' || k.name === 'UpdateOp');
		if (ops.some((o) => this.src(o) !== '='))
			return fail(
				this.pos(n),
				'augmented assignment (`+=`, ...) is not supported by the playground engine'
			);
		const valueNode = parts[parts.length - 1];
		if (!valueNode || parts.length < 3) return fail(this.pos(n), 'Python syntax error');
		if (parts.some((k) => k.name === 'TypeDef'))
			return fail(this.pos(n), 'type annotations are not supported by the playground engine');
		const value = this.expr(valueNode);
		for (const target of parts.slice(0, -1)) {
			if (target.name === 'AssignOp') continue;
			if (target.name !== 'VariableName')
				return fail(
					this.pos(target),
					'only assignments to a plain name are supported (`name = ...`)'
				);
			this.state.env.set(this.src(target), value);
		}
	}

	expr(n: SyntaxNode): PyValue {
		const at = this.pos(n);
		switch (n.name) {
			case 'ParenthesizedExpression': {
				const inner = kids(n)[1];
				if (!inner || inner.name === ')') return fail(at, 'Python syntax error');
				return this.expr(inner);
			}
			case 'VariableName': {
				const name = this.src(n);
				const v = this.state.env.get(name);
				if (v === undefined) return fail(at, `name '${name}' is not defined`);
				return v;
			}
			case 'String':
			case 'FormatString': {
				const d = decodeString(this.src(n));
				return 'value' in d ? { t: 'str', v: d.value } : fail(at, d.error);
			}
			case 'ContinuedString': {
				let s = '';
				for (const c of kids(n)) {
					const v = this.expr(c);
					if (v.t === 'str') s += v.v;
				}
				return { t: 'str', v: s };
			}
			case 'Number': {
				const d = decodeNumber(this.src(n));
				return d ? { t: 'num', v: d.value, int: d.int } : fail(
					at,
					`unsupported number literal ${this.src(n)}`
				);
			}
			case 'Boolean':
				return { t: 'bool', v: this.src(n) === 'True' };
			case 'None':
				return NONE;
			case 'ArrayExpression':
			case 'TupleExpression':
				return { t: 'list', items: this.items(n) };
			case 'DictionaryExpression':
				return this.dict(n);
			case 'CallExpression':
				return this.call(n);
			case 'MemberExpression':
				return this.member(n);
			case 'BinaryExpression':
				return this.binary(n);
			case 'UnaryExpression': {
				const [op, operand] = kids(n);
				if (!op || !operand) return fail(at, 'Python syntax error');
				return unaryOp(this.src(op), { v: this.expr(operand), at: this.pos(operand) }, at);
			}
			case '⚠':
				return fail(at, 'Python syntax error');
			default:
				return fail(
					at,
					`${describeNode(n.name)} is not supported by the playground engine`
				);
		}
	}

	private items(n: SyntaxNode): PyValue[] {
		const out: PyValue[] = [];
		for (const c of kids(n)) {
			if (c.name === '[' || c.name === ']' || c.name === '(' || c.name === ')' || c.name === ',') continue;
			if (c.name === 'for' || c.name === 'ComprehensionExpression')
				fail(this.pos(c), 'comprehensions are not supported by the playground engine');
			out.push(this.expr(c));
		}
		return out;
	}

	private dict(n: SyntaxNode): PyValue {
		const vals: SyntaxNode[] = [];
		for (const c of kids(n)) {
			if (c.name === '{' || c.name === '}' || c.name === ',' || c.name === ':') continue;
			if (c.name === 'for' || c.name === '**')
				fail(
					this.pos(c),
					'dict comprehensions and `**` are not supported by the playground engine'
				);
			vals.push(c);
		}
		if (vals.length % 2 !== 0) return fail(this.pos(n), 'Python syntax error');
		const entries: [PyValue, PyValue][] = [];
		for (let i = 0; i < vals.length; i += 2) {
			const k = vals[i];
			const v = vals[i + 1];
			if (k && v) entries.push([this.expr(k), this.expr(v)]);
		}
		return { t: 'dict', entries };
	}

	private binary(n: SyntaxNode): PyValue {
		const parts = kids(n);
		const l = parts[0];
		const op = parts[1];
		const r = parts[parts.length - 1];
		if (!l || !op || !r || parts.length < 3) return fail(this.pos(n), 'Python syntax error');
		let opText = this.src(op);
		if (parts.length === 4 && parts[2]) opText = `${opText} ${this.src(parts[2])}`;
		const left: Arg = { v: this.expr(l), at: this.pos(l) };
		const right: Arg = { v: this.expr(r), at: this.pos(r) };
		return binaryOp(opText, left, right, this.pos(op));
	}

	private member(n: SyntaxNode): PyValue {
		const parts = kids(n);
		const objNode = parts[0];
		if (!objNode) return fail(this.pos(n), 'Python syntax error');
		const second = parts[1];
		const obj = this.expr(objNode);
		if (second?.name === '[') {
			const idx = parts[2];
			if (!idx || idx.name === ']') return fail(this.pos(second), 'Python syntax error');
			if (parts[3]?.name === ':' || idx.name === ':' || parts.length > 4)
				return fail(
					this.pos(idx),
					'slices are not supported by the playground engine'
				);
			return subscript(
				this.state,
				obj,
				{ v: this.expr(idx), at: this.pos(idx) },
				this.pos(n)
			);
		}
		const prop = n.getChild('PropertyName');
		if (!prop) return fail(this.pos(n), 'Python syntax error');
		return getAttr(this.state, obj, this.src(prop), this.pos(prop));
	}

	private call(n: SyntaxNode): PyValue {
		const callee = kids(n)[0];
		const argList = n.getChild('ArgList');
		if (!callee || !argList) return fail(this.pos(n), 'Python syntax error');
		if (callee.name === 'MemberExpression' && callee.getChild('.') && callee.getChild('PropertyName')) {
			const objNode = kids(callee)[0];
			const prop = callee.getChild('PropertyName');
			if (!objNode || !prop) return fail(this.pos(n), 'Python syntax error');
			const obj = this.expr(objNode);
			const args = this.args(argList, this.src(prop), this.pos(prop));
			return callMethod(this.state, obj, this.src(prop), args);
		}
		const fn = this.expr(callee);
		return callValue(fn, this.args(argList, this.src(callee), this.pos(callee)));
	}

	private args(list: SyntaxNode, name: string, at: Pos): Args {
		const pos: Arg[] = [];
		const kw = new Map<string, Arg>();
		const parts = kids(list);
		for (let k = 0; k < parts.length; k++) {
			const c = parts[k] as SyntaxNode;
			if (c.name === '(' || c.name === ')' || c.name === ',') continue;
			if (c.name === '*' || c.name === '**' || this.src(c) === '*' || this.src(c) === '**')
				fail(
					this.pos(c),
					'`*args` / `**kwargs` in calls are not supported by the playground engine'
				);
			if (c.name === 'for')
				fail(
					this.pos(c),
					'generator expressions are not supported by the playground engine'
				);
			const next = parts[k + 1];
			if (c.name === 'VariableName' && next?.name === 'AssignOp') {
				const valueNode = parts[k + 2];
				if (!valueNode || valueNode.name === ')' || valueNode.name === ',') fail(
					this.pos(next),
					'Python syntax error'
				);
				else {
					kw.set(this.src(c), this.arg(valueNode));
					k += 2;
				}
				continue;
			}
			if (kw.size > 0) fail(this.pos(c), 'positional argument follows keyword argument');
			pos.push(this.arg(c));
		}
		return { pos, kw, at, name };
	}

	private arg(n: SyntaxNode): Arg {
		const v = this.expr(n);
		const pieces = n.name === 'String' ? [n] : n.name === 'ContinuedString' ? kids(n) : null;
		if (!pieces || v.t !== 'str') return { v, at: this.pos(n) };
		// Value offset → source offset, piece by piece (escapes are rare in SQL text; a piece
		// with escapes maps approximately).
		const table: { start: number; from: number }[] = [];
		let start = 0;
		for (const p of pieces) {
			const text = this.src(p);
			const open = /^[rRbBuUfF]{0,2}('''|"""|'|")/.exec(text)?.[0].length ?? 1;
			table.push({ start, from: p.from + open });
			const d = this.expr(p);
			start += d.t === 'str' ? d.v.length : 0;
		}
		const locate = (offset: number): Pos => {
			let piece = table[0] ?? { start: 0, from: n.from };
			for (const t of table) if (t.start <= offset) piece = t;
			return this.lines.pos(piece.from + (offset - piece.start));
		};
		return { v, at: this.pos(n), locate };
	}
}

function statementName(name: string): string {
	const map: Readonly<Record<string, string>> = {
		DecoratedStatement: 'decorators (such as `@F.udf`)',
		ClassDefinition: '`class` definitions',
		ForStatement: '`for` loops',
		WhileStatement: '`while` loops',
		TryStatement: '`try` statements',
		WithStatement: '`with` statements',
		ReturnStatement: '`return` statements outside a function',
		RaiseStatement: '`raise` statements',
		AssertStatement: '`assert` statements',
		DeleteStatement: '`del` statements',
		GlobalStatement: '`global` statements',
		MatchStatement: '`match` statements'
	};
	return map[name] ?? `\`${name.replace(/Statement$/, '').toLowerCase()}\` statements`;
}

function describeNode(name: string): string {
	const map: Readonly<Record<string, string>> = {
		LambdaExpression: '`lambda`',
		ConditionalExpression: 'a conditional expression (`x if c else y`)',
		ArrayComprehensionExpression: 'a list comprehension',
		DictionaryComprehensionExpression: 'a dict comprehension',
		SetExpression: 'a set literal',
		AwaitExpression: '`await`',
		YieldExpression: '`yield`',
		Ellipsis: '`...`'
	};
	return map[name] ?? `\`${name}\``;
}
