/**
 * One reading of a program: its text and syntax tree, the reader's state, and the calls the
 * Python interpreter is evaluating. The interpreter evaluates every expression (so a user `def`
 * runs); the tree is consulted only for positions: where a call's arguments are written
 * (PySpark errors point at the argument, and into SQL text) and whether `obj.name` is the callee
 * of a call (`df.select(...)`) or a plain attribute read (`df.value`).
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Span } from '../../python/errors';
import type { Pos } from '../expr/ast';
import type { Arg, Args } from './args';
import { LineIndex } from './errors';
import { decodeString } from './literals';
import type { ReaderState } from './state';
import type { PyValue } from './values';

/** Children without comments, which lezer places anywhere inside an expression. */
export function kids(n: SyntaxNode): SyntaxNode[] {
	const out: SyntaxNode[] = [];
	for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
	return out;
}

/** A call's argument nodes: positional ones in order, keyword ones by name. */
interface ArgNodes {
	readonly pos: SyntaxNode[];
	readonly kw: Map<string, SyntaxNode>;
}

export class ReaderSession {
	readonly lines: LineIndex;
	/** Spans of the calls the interpreter is evaluating, innermost last. */
	readonly callSpans: Span[] = [];

	constructor(
		readonly text: string,
		readonly tree: Tree,
		readonly state: ReaderState
	) {
		this.lines = new LineIndex(text);
	}

	pos(n: Span): Pos {
		return this.lines.pos(n.from);
	}

	src(n: Span): string {
		return this.text.slice(n.from, n.to);
	}

	/** The outermost node written exactly at `span`. */
	nodeAt(span: Span): SyntaxNode | null {
		let found: SyntaxNode | null = null;
		for (let n: SyntaxNode | null = this.tree.topNode.resolveInner(span.from, 1); n; n = n.parent) {
			if (n.from === span.from && n.to === span.to) found = n;
			else if (n.from < span.from || n.to > span.to) break;
		}
		return found;
	}

	/** The innermost call being evaluated. */
	private currentCall(): SyntaxNode | null {
		const span = this.callSpans[this.callSpans.length - 1];
		const n = span ? this.nodeAt(span) : null;
		return n?.name === 'CallExpression' ? n : null;
	}

	/** A decorator applied to a `def` is a call at the definition (the interpreter's span). */
	private decoratedAt(): Pos {
		const span = this.callSpans[this.callSpans.length - 1];
		const n = span ? this.nodeAt(span) : null;
		return n?.name === 'FunctionDefinition' ? this.pos(n) : { line: 1, column: 1 };
	}

	/** True when the attribute name at `at` is the callee of a call: `obj.name(...)`. */
	isCallee(at: Span | undefined): boolean {
		if (!at) return false;
		let prop = this.nodeAt(at);
		while (prop && prop.name !== 'PropertyName') prop = prop.firstChild;
		const member = prop?.parent;
		const call = member?.parent;
		return (
			member?.name === 'MemberExpression' &&
			call?.name === 'CallExpression' &&
			call.firstChild?.from === member.from &&
			call.firstChild.to === member.to
		);
	}

	/**
	 * The reader's view of a call the interpreter is making: each argument value with the place
	 * it is written. `method` is the attribute called (`select` in `df.select(...)`), absent for a
	 * plain call (`col("x")`). A call the interpreter makes on the program's behalf (a function
	 * passed to `map`) has no argument nodes: its arguments are placed at that call.
	 */
	args(values: readonly PyValue[], kw: ReadonlyMap<string, PyValue>, method?: string): Args {
		const call = this.currentCall();
		const callee = call ? kids(call)[0] : undefined;
		const prop = callee?.name === 'MemberExpression' ? callee.getChild('PropertyName') : null;
		const direct = !!call && (method === undefined || (!!prop && this.src(prop) === method));
		const at = prop
			? this.pos(prop)
			: callee
				? this.pos(callee)
				: call
					? this.pos(call)
					: this.decoratedAt();
		const name = method ?? (prop ? this.src(prop) : callee ? this.src(callee) : 'call');
		if (direct && call) this.record(name, at, call);
		const nodes = direct && call ? this.argNodes(call) : null;
		const fits = nodes !== null && nodes.pos.length === values.length;
		const place = (v: PyValue, n: SyntaxNode | undefined): Arg => (n ? this.arg(n, v) : { v, at });
		return {
			pos: values.map((v, i) => place(v, fits ? nodes.pos[i] : undefined)),
			kw: new Map([...kw].map(([k, v]) => [k, place(v, nodes?.kw.get(k))])),
			at,
			name
		};
	}

	/** Keeps the call's full extent, once per call site (a def called twice reads it twice). */
	private record(name: string, at: Pos, call: SyntaxNode): void {
		const spans = this.state.spans;
		if (spans.some((s) => s.from === call.from && s.to === call.to)) return;
		spans.push({
			name,
			at,
			start: this.pos(call),
			end: this.lines.pos(call.to),
			from: call.from,
			to: call.to
		});
	}

	private argNodes(call: SyntaxNode): ArgNodes {
		const out: ArgNodes = { pos: [], kw: new Map() };
		const list = call.getChild('ArgList');
		if (!list) return out;
		const parts = kids(list).filter((c) => c.name !== '(' && c.name !== ')' && c.name !== ',');
		if (parts.some((c) => c.name === 'for')) {
			out.pos.push(list);
			return out;
		}
		for (let k = 0; k < parts.length; k++) {
			const c = parts[k] as SyntaxNode;
			const value = parts[k + 2];
			if (c.name === 'VariableName' && parts[k + 1]?.name === 'AssignOp' && value) {
				out.kw.set(this.src(c), value);
				k += 2;
			} else out.pos.push(c);
		}
		return out;
	}

	/** An argument at its node; a string literal also maps each character of its value back to
	 *  the program, so an error inside SQL text points into the string, across implicitly
	 *  concatenated pieces (escapes are rare in SQL text: a piece with escapes maps roughly). */
	private arg(n: SyntaxNode, v: PyValue): Arg {
		const pieces = n.name === 'String' ? [n] : n.name === 'ContinuedString' ? kids(n) : null;
		if (!pieces || v.t !== 'str') return { v, at: this.pos(n) };
		const table: { start: number; from: number }[] = [];
		let start = 0;
		for (const p of pieces) {
			const text = this.src(p);
			const open = /^[rRbBuUfF]{0,2}('''|"""|'|")/.exec(text)?.[0].length ?? 1;
			table.push({ start, from: p.from + open });
			const d = decodeString(text);
			start += 'value' in d ? d.value.length : 0;
		}
		const locate = (offset: number): Pos => {
			let piece = table[0] ?? { start: 0, from: n.from };
			for (const t of table) if (t.start <= offset) piece = t;
			return this.lines.pos(piece.from + (offset - piece.start));
		};
		return { v, at: this.pos(n), locate };
	}
}
